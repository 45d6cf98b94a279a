resource "awscc_iam_role" "anyone" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "*" }, "Action" : "sts:AssumeRole" }] }) # expect
}

resource "awscc_iam_role" "star" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "Everyone", "Effect" : "Allow", "Principal" : "*", "Action" : "sts:AssumeRole" }] }) # expect
}
