resource "awscc_iam_role" "exec" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] }) # expect
}

resource "awscc_iam_role" "agent" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "bedrock.amazonaws.com" }, "Action" : "sts:AssumeRole", "Condition" : { "StringEquals" : { "aws:RequestedRegion" : "eu-west-1" } } }] }) # expect
}
