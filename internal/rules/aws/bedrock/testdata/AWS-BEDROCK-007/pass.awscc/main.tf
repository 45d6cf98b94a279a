resource "awscc_kms_key" "key" {
  enable_key_rotation = true
}

resource "awscc_bedrock_data_source" "docs" {
  knowledge_base_id = "KB12345678"
  name              = "docs"
  data_source_configuration = {
    type = "S3"
    s3_configuration = {
      bucket_arn = "arn:aws:s3:::ml-kb-docs-111122223333"
    }
  }
  server_side_encryption_configuration = {
    kms_key_arn = "Key.Arn"
  }
}
