resource "awscc_sagemaker_model_package_group" "churn" {
  model_package_group_name = "churn"
  model_package_group_policy = jsonencode({ # expect
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
      Resource  = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/*"
    }]
  })
}

resource "awscc_sagemaker_model_package_group" "fraud" {
  model_package_group_name   = "fraud"
  model_package_group_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sagemaker:CreateModelPackage", Resource = "*" }] }) # expect
}
