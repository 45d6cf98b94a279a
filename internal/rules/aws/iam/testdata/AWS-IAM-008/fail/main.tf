resource "aws_iam_role" "decrypt" {
  name               = "decrypt"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "keys"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["kms:Decrypt", "kms:GenerateDataKey"], "Resource" : "*" }] }) # expect
  }
}

resource "aws_iam_role" "attached" {
  name               = "attached"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "all_keys" {
  name   = "all-keys"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "kms:*", "Resource" : "arn:aws:kms:*:*:key/*" }] })
}

resource "aws_iam_role_policy_attachment" "all_keys" { # expect
  role       = aws_iam_role.attached.name
  policy_arn = aws_iam_policy.all_keys.arn
}
