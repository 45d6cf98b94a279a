variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_sagemaker_feature_group" "offline_cmk" {
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
  offline_store_config = {
    s3_storage_config = {
      s3_uri     = "s3://features/offline"
      kms_key_id = awscc_kms_key.key.arn
    }
  }
}
