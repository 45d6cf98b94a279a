variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_sagemaker_feature_group" "online_cmk" {
  feature_group_name             = "fg"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/features"
  feature_definitions = [
    {
      feature_name = "customer_id"
      feature_type = "String"
    },
    {
      feature_name = "event_time"
      feature_type = "String"
    }
  ]
  online_store_config = {
    enable_online_store = true
    security_config = {
      kms_key_id = awscc_kms_key.key.id
    }
  }
}
