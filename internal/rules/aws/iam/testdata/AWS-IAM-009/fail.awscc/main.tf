resource "awscc_iam_role" "secrets" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "secrets"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "secretsmanager:GetSecretValue", "Resource" : "*" }] }) # expect
    }
  ]
}

resource "awscc_iam_role" "params" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "awscc_iam_managed_policy" "params_policy" { # expect
  roles           = [awscc_iam_role.params.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "ssm:GetParameter*", "Resource" : "arn:aws:ssm:*:*:parameter/*" }] })
}
