resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "iam"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["iam:GetRole", "iam:ListRoles"], "Resource" : "*" }] })
  }
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "admin"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "*", "Resource" : "*" }] })
  }
}

resource "aws_iam_role" "own_policies" {
  name               = "own-policies"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "iam"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PutRolePolicy", "Resource" : "arn:aws:iam::111122223333:role/ml-sandbox-*" }] })
  }
}
