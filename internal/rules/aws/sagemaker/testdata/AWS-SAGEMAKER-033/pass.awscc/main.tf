resource "awscc_sagemaker_model_package_group" "churn" {
  model_package_group_name = "churn"
  model_package_group_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "sagemaker:DescribeModelPackage", Resource = "*" }]
  })
}

resource "awscc_sagemaker_model_package_group" "fraud" {
  model_package_group_name = "fraud"
  model_package_group_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sagemaker:DescribeModelPackage"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "awscc_sagemaker_model_package_group" "plain" {
  model_package_group_name = "plain"
}
