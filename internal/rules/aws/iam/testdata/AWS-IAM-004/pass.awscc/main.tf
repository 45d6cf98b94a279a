resource "awscc_iam_role" "scoped" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "launch"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "arn:aws:iam::111122223333:role/training-exec" }, { "Effect" : "Allow", "Action" : ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "Resource" : "*" }] })
    }
  ]
}

resource "awscc_iam_role" "no_create" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "pass_only"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*" }, { "Effect" : "Allow", "Action" : "sagemaker:Describe*", "Resource" : "*" }] })
    }
  ]
}

resource "awscc_iam_role" "conditioned" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "launch"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:PassRole", "Resource" : "*", "Condition" : { "StringEquals" : { "iam:AssociatedResourceArn" : "arn:aws:sagemaker:eu-west-1:111122223333:training-job/nightly" } } }, { "Effect" : "Allow", "Action" : ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "Resource" : "*" }] })
    }
  ]
}

resource "awscc_iam_role" "admin" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "admin"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "*", "Resource" : "*" }] })
    }
  ]
}
