resource "awscc_bedrock_data_source" "docs" { # expect
  knowledge_base_id = "KB12345678"
  name              = "docs"
  data_source_configuration = {
    type = "S3"
    s3_configuration = {
      bucket_arn = "arn:aws:s3:::ml-kb-docs-111122223333"
    }
  }
}
