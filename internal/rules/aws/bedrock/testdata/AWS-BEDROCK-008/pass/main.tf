resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled      = true
    image_data_delivery_enabled     = false
    embedding_data_delivery_enabled = false
    video_data_delivery_enabled     = false
    s3_config {
      bucket_name = "bedrock-invocations-111122223333"
      key_prefix  = "logs"
    }
  }
}
