resource "aws_bedrockagent_data_source" "keyed" {
  knowledge_base_id = "KB12345678"
  name              = "keyed"
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::ml-kb-docs-111122223333"
    }
  }
  server_side_encryption_configuration {
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
