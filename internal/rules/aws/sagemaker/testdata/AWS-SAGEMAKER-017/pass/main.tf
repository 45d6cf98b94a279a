resource "terraform_data" "unknown" {
  input = "known only after apply"
}
resource "aws_kms_key" "ml" {}

resource "aws_sagemaker_feature_group" "online_cmk" {
  feature_group_name             = "online-cmk"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/features"
  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }
  online_store_config {
    enable_online_store = true
    security_config {
      kms_key_id = aws_kms_key.ml.arn
    }
  }
}

resource "aws_sagemaker_feature_group" "disabled" {
  feature_group_name             = "disabled"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/features"
  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }
  online_store_config {
    enable_online_store = false
  }
  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://features/offline"
      kms_key_id = aws_kms_key.ml.arn
    }
  }
}
