resource "awscc_iam_role" "scoped" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "keys"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "kms:Decrypt", "Resource" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }] })
    }
  ]
}

resource "awscc_iam_role" "via_service" {
  assume_role_policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  policies = [
    {
      policy_name     = "keys"
      policy_document = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "kms:Decrypt", "Resource" : "*", "Condition" : { "StringEquals" : { "kms:ViaService" : "s3.eu-west-1.amazonaws.com" } } }] })
    }
  ]
}
