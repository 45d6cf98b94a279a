resource "aws_iam_role" "exec" {
  name               = "exec"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole", "Condition" : { "StringEquals" : { "aws:SourceAccount" : "111122223333" } } }] })
}

resource "aws_iam_role" "agent" {
  name               = "agent"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "bedrock.amazonaws.com" }, "Action" : "sts:AssumeRole", "Condition" : { "ArnLike" : { "AWS:SourceArn" : "arn:aws:bedrock:eu-west-1:111122223333:agent/*" } } }] })
}

resource "aws_iam_role" "web" {
  name               = "web"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "ec2.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}
