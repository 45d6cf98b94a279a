resource "awscc_iam_role" "writer" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "write"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "WriteAll", "Effect" : "Allow", "Action" : ["s3:PutObject", "s3:GetObject"], "Resource" : "*" }] }) # expect
    }
  ]
}

resource "awscc_iam_role" "attached" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "awscc_iam_managed_policy" "delete_all_policy" { # expect
  roles           = [awscc_iam_role.attached.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:Delete*", "Resource" : "arn:aws:s3:::*" }] })
}

resource "awscc_iam_managed_policy" "put_all_policy" {
  roles           = [awscc_iam_role.attached.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:Put*", "Resource" : "arn:aws:s3:::*/*" }] })
}
