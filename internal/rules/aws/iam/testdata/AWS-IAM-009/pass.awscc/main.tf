resource "awscc_iam_role" "scoped" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "secrets"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "secretsmanager:GetSecretValue", "Resource" : "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ml/hf-token-AbCdEf" }, { "Effect" : "Allow", "Action" : "ssm:GetParameter", "Resource" : "arn:aws:ssm:eu-west-1:111122223333:parameter/ml/*" }] })
    }
  ]
}

resource "awscc_iam_role" "describe" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "secrets"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "secretsmanager:DescribeSecret", "Resource" : "*" }] })
    }
  ]
}
