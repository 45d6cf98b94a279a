resource "aws_s3_bucket" "models" { # expect
  bucket = "ml-models-111122223333"
}

resource "aws_s3_bucket" "capture" { # expect
  bucket = "ml-capture-111122223333"
}

resource "aws_s3_bucket" "trail_logs" {
  bucket = "trail-logs-111122223333"
}

resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-exec"
  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/churn/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name = "churn"
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  data_capture_config {
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://${aws_s3_bucket.capture.bucket}/capture"
    capture_options {
      capture_mode = "Input"
    }
  }
}

resource "aws_cloudtrail" "management" {
  name           = "management"
  s3_bucket_name = aws_s3_bucket.trail_logs.id
}

resource "aws_cloudtrail" "reads" {
  name           = "reads"
  s3_bucket_name = aws_s3_bucket.trail_logs.id
  event_selector {
    read_write_type = "ReadOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.capture.arn}/"]
    }
  }
}
