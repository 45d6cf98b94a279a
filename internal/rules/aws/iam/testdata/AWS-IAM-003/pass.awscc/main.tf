variable "unknown" {}

resource "awscc_iam_role" "narrow" {
  assume_role_policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  policies = [{
    policy_name = "narrow"
    policy_document = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "logs:PutLogEvents", Resource = "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn" },
        { Effect = "Allow", Action = "*", Resource = "*", Condition = { StringEquals = { "aws:RequestedRegion" = "eu-west-1" } } },
      ]
    })
  }]
  managed_policy_arns = [var.unknown]
}

resource "awscc_iam_role" "not_ml" {
  assume_role_policy_document = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns         = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
