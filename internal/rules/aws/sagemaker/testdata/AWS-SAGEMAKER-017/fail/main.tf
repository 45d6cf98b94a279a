resource "aws_sagemaker_feature_group" "online_no_key" {
  feature_group_name             = "online-no-key"
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
  online_store_config { # expect
    enable_online_store = true
  }
}
