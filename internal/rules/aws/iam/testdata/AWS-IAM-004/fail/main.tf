resource "aws_iam_role" "pipeline" {
  name               = "pipeline"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "launch"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "PassAny", "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*" }, { "Effect" : "Allow", "Action" : ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "Resource" : "*" }] }) # expect
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "ec2.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "ci_launch" {
  name   = "ci-launch"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "arn:aws:iam::*:role/*", "Condition" : { "StringEquals" : { "iam:PassedToService" : "sagemaker.amazonaws.com" } } }, { "Effect" : "Allow", "Action" : "sagemaker:Create*", "Resource" : "*" }] })
}

resource "aws_iam_role_policy_attachment" "ci_launch" { # expect
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.ci_launch.arn
}

resource "aws_iam_role" "managed" {
  name                = "managed"
  assume_role_policy  = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
  inline_policy {
    name   = "pass"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*" }] }) # expect
  }
}
