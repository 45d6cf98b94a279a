resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "read"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "ReadAll", "Effect" : "Allow", "Action" : "s3:GetObject", "Resource" : "*" }] }) # expect
  }
}

resource "aws_iam_role" "attached" {
  name               = "attached"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "read_all" {
  name   = "read-all"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["s3:Get*", "s3:List*"], "Resource" : "arn:aws:s3:::*/*" }] })
}

resource "aws_iam_role_policy_attachment" "read_all" { # expect
  role       = aws_iam_role.attached.name
  policy_arn = aws_iam_policy.read_all.arn
}
