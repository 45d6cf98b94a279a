resource "awscc_iam_role" "reader" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "read"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "ReadAll", "Effect" : "Allow", "Action" : "s3:GetObject", "Resource" : "*" }] }) # expect
    }
  ]
}

resource "awscc_iam_role" "attached" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "awscc_iam_managed_policy" "read_all_policy" { # expect
  roles           = [awscc_iam_role.attached.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["s3:Get*", "s3:List*"], "Resource" : "arn:aws:s3:::*/*" }] })
}
