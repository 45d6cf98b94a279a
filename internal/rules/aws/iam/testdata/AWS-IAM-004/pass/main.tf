resource "aws_iam_role" "scoped" {
  name               = "scoped"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "launch"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "arn:aws:iam::111122223333:role/training-exec" }, { "Effect" : "Allow", "Action" : ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "Resource" : "*" }] })
  }
}

resource "aws_iam_role" "no_create" {
  name               = "no-create"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "pass_only"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*" }, { "Effect" : "Allow", "Action" : "sagemaker:Describe*", "Resource" : "*" }] })
  }
}

resource "aws_iam_role" "conditioned" {
  name               = "conditioned"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "launch"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*", "Condition" : { "StringEquals" : { "iam:AssociatedResourceArn" : "arn:aws:sagemaker:eu-west-1:111122223333:training-job/nightly" } } }, { "Effect" : "Allow", "Action" : ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "Resource" : "*" }] })
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
