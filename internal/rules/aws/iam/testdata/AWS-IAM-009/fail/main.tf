resource "aws_iam_role" "secrets" {
  name               = "secrets"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "secrets"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "secretsmanager:GetSecretValue", "Resource" : "*" }] }) # expect
  }
}

resource "aws_iam_role" "params" {
  name               = "params"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "params" {
  name   = "params"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "ssm:GetParameter*", "Resource" : "arn:aws:ssm:*:*:parameter/*" }] })
}

resource "aws_iam_role_policy_attachment" "params" { # expect
  role       = aws_iam_role.params.name
  policy_arn = aws_iam_policy.params.arn
}
