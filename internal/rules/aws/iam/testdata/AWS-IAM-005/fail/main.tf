resource "aws_iam_role" "exec" {
  name               = "exec"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] }) # expect
}

resource "aws_iam_role" "agent" {
  name               = "agent"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "bedrock.amazonaws.com" }, "Action" : "sts:AssumeRole", "Condition" : { "StringEquals" : { "aws:RequestedRegion" : "eu-west-1" } } }] }) # expect
}
