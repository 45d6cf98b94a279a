resource "aws_sagemaker_feature_group" "offline_no_key" {
  feature_group_name             = "offline-no-key"
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
  offline_store_config { # expect
    s3_storage_config {
      s3_uri = "s3://features/offline"
    }
  }
}
