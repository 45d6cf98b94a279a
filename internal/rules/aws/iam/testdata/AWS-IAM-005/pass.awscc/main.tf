resource "awscc_iam_role" "exec" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole", "Condition" : { "StringEquals" : { "aws:SourceAccount" : "111122223333" } } }] })
}

resource "awscc_iam_role" "agent" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "bedrock.amazonaws.com" }, "Action" : "sts:AssumeRole", "Condition" : { "ArnLike" : { "AWS:SourceArn" : "arn:aws:bedrock:eu-west-1:111122223333:agent/*" } } }] })
}

resource "awscc_iam_role" "web" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "ec2.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}
