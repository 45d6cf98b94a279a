resource "awscc_iam_role" "scoped" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "write"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:PutObject", "Resource" : "arn:aws:s3:::ml-models/training/*" }] })
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

resource "awscc_iam_role" "web" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "ec2.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "write"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:PutObject", "Resource" : "*" }] })
    }
  ]
}
