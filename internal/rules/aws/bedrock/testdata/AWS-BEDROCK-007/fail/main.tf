resource "aws_bedrockagent_data_source" "docs" { # expect
  knowledge_base_id = "KB12345678"
  name              = "docs"
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::ml-kb-docs-111122223333"
    }
  }
}

resource "aws_bedrockagent_data_source" "managed" {
  knowledge_base_id = "KB12345678"
  name              = "managed"
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::ml-kb-docs-111122223333"
    }
  }
  server_side_encryption_configuration {
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/aws/bedrock" # expect
  }
}
