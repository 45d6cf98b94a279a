resource "aws_cloudwatch_log_group" "training" { # expect
  name              = "/aws/sagemaker/TrainingJobs"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "endpoints" {
  name       = "/aws/sagemaker/Endpoints/churn"
  kms_key_id = "alias/aws/logs" # expect
}

# Any name: Bedrock invocation logging writes prompts and responses here.
resource "aws_cloudwatch_log_group" "invocations" { # expect
  name = "prompts"
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled      = true
    image_data_delivery_enabled     = false
    embedding_data_delivery_enabled = false
    video_data_delivery_enabled     = false
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.invocations.name
      role_arn       = "arn:aws:iam::111122223333:role/bedrock-logging"
    }
  }
}
