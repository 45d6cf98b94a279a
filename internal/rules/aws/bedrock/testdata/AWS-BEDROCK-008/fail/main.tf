resource "aws_cloudwatch_log_group" "invocations" {
  name = "bedrock-invocations"
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled      = false # expect
    image_data_delivery_enabled     = true
    embedding_data_delivery_enabled = true
    video_data_delivery_enabled     = true
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.invocations.name
      role_arn       = "arn:aws:iam::111122223333:role/bedrock-logging"
    }
  }
}
