resource "aws_s3_bucket" "models" {
  bucket = "ml-models-111122223333"
}

resource "aws_s3_bucket" "capture" {
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

resource "aws_cloudtrail" "models" {
  name           = "models"
  s3_bucket_name = aws_s3_bucket.trail_logs.id
  advanced_event_selector {
    name = "model artifacts"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field       = "resources.ARN"
      starts_with = ["${aws_s3_bucket.models.arn}/"]
    }
  }
}

resource "aws_cloudtrail" "everything" {
  name           = "everything"
  s3_bucket_name = aws_s3_bucket.trail_logs.id
  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
