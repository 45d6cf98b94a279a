resource "awscc_iam_role" "pipeline" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "launch"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "PassAny", "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*" }, { "Effect" : "Allow", "Action" : ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "Resource" : "*" }] }) # expect
    }
  ]
}

resource "awscc_iam_role" "ci" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "ec2.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "awscc_iam_managed_policy" "ci_launch_policy" { # expect
  roles           = [awscc_iam_role.ci.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "arn:aws:iam::*:role/*", "Condition" : { "StringEquals" : { "iam:PassedToService" : "sagemaker.amazonaws.com" } } }, { "Effect" : "Allow", "Action" : "sagemaker:Create*", "Resource" : "*" }] })
}

resource "awscc_iam_role" "managed" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  managed_policy_arns         = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
  policies = [
    {
      policy_name     = "pass"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*" }] }) # expect
    }
  ]
}
