resource "awscc_iam_role" "org" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "*" }, "Action" : "sts:AssumeRole", "Condition" : { "StringEquals" : { "aws:PrincipalOrgID" : "o-a1b2c3d4e5" } } }] })
}

resource "awscc_iam_role" "account" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "arn:aws:iam::111122223333:root" }, "Action" : "sts:AssumeRole" }] })
}
