resource "aws_iam_role" "org" {
  name               = "org"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "*" }, "Action" : "sts:AssumeRole", "Condition" : { "StringEquals" : { "aws:PrincipalOrgID" : "o-a1b2c3d4e5" } } }] })
}

resource "aws_iam_role" "account" {
  name               = "account"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "arn:aws:iam::111122223333:root" }, "Action" : "sts:AssumeRole" }] })
}
