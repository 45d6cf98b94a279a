resource "aws_iam_role" "attacher" {
  name               = "attacher"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "iam"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : ["iam:AttachRolePolicy", "iam:GetRole"], "Resource" : "*" }] }) # expect
  }
}

resource "aws_iam_role" "iam_admin" {
  name               = "iam-admin"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "iam_all" {
  name   = "iam-all"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "iam:*", "Resource" : "*" }] })
}

resource "aws_iam_role_policy_attachment" "iam_all" { # expect
  role       = aws_iam_role.iam_admin.name
  policy_arn = aws_iam_policy.iam_all.arn
}
