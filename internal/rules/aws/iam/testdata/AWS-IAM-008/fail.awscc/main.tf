resource "awscc_iam_role" "decrypt" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "keys"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["kms:Decrypt", "kms:GenerateDataKey"], "Resource" : "*" }] }) # expect
    }
  ]
}

resource "awscc_iam_role" "attached" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "awscc_iam_managed_policy" "all_keys_policy" { # expect
  roles           = [awscc_iam_role.attached.id]
  policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "kms:*", "Resource" : "arn:aws:kms:*:*:key/*" }] })
}
