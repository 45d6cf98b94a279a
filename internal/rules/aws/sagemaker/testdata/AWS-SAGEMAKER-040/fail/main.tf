resource "aws_sns_topic" "results" {
  name = "inference-results"
}

resource "aws_sns_topic" "errors" {
  name = "inference-errors"
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
      kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      notification_config {
        success_topic                 = aws_sns_topic.results.arn # expect
        error_topic                   = "arn:aws:sns:eu-west-1:111122223333:inference-errors" # expect
        include_inference_response_in = ["SUCCESS_NOTIFICATION_TOPIC"]
      }
    }
  }
}
