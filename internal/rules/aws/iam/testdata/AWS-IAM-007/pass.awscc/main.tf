resource "awscc_iam_role" "scoped" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "read"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:GetObject", "Resource" : "arn:aws:s3:::ml-training-data/*" }] })
    }
  ]
}

resource "awscc_iam_role" "full" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "full"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:*", "Resource" : "*" }] })
    }
  ]
}

resource "awscc_iam_role" "conditioned" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "read"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:GetObject", "Resource" : "*", "Condition" : { "StringEquals" : { "aws:ResourceAccount" : "111122223333" } } }] })
    }
  ]
}

resource "awscc_iam_role" "web" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "ec2.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "read"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:GetObject", "Resource" : "*" }] })
    }
  ]
}
