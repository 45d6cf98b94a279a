resource "awscc_sagemaker_endpoint_config" "prod" {
  production_variants = [
    {
      variant_name           = "primary"
      model_name             = "churn"
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
      enable_ssm_access      = false
    }
  ]
}
