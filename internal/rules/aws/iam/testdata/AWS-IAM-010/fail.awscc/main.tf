resource "awscc_iam_role" "attacher" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "iam"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["iam:AttachRolePolicy", "iam:GetRole"], "Resource" : "*" }] }) # expect
    }
  ]
}

resource "awscc_iam_role" "iam_admin" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "awscc_iam_managed_policy" "iam_all_policy" { # expect
  roles           = [awscc_iam_role.iam_admin.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:*", "Resource" : "*" }] })
}
