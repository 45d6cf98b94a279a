resource "aws_sagemaker_model_package_group" "churn" {
  model_package_group_name = "churn"
}

resource "aws_sagemaker_model_package_group_policy" "partner" {
  model_package_group_name = aws_sagemaker_model_package_group.churn.model_package_group_name
  resource_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "sagemaker:DescribeModelPackage", Resource = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/*" }]
  })
}

resource "aws_sagemaker_model_package_group" "fraud" {
  model_package_group_name = "fraud"
}

resource "aws_sagemaker_model_package_group_policy" "org" {
  model_package_group_name = aws_sagemaker_model_package_group.fraud.model_package_group_name
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sagemaker:DescribeModelPackage"
      Resource  = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/fraud/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
