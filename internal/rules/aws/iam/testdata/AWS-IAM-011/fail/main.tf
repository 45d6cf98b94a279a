resource "aws_iam_role" "writer" {
  name               = "writer"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
  inline_policy {
    name   = "write"
    policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "WriteAll", "Effect" : "Allow", "Action" : ["s3:PutObject", "s3:GetObject"], "Resource" : "*" }] }) # expect
  }
}

resource "aws_iam_role" "attached" {
  name               = "attached"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "Service" : "sagemaker.amazonaws.com" }, "Action" : "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "delete_all" {
  name   = "delete-all"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:Delete*", "Resource" : "arn:aws:s3:::*" }] })
}

resource "aws_iam_role_policy_attachment" "delete_all" { # expect
  role       = aws_iam_role.attached.name
  policy_arn = aws_iam_policy.delete_all.arn
}

resource "aws_iam_policy" "put_all" {
  name   = "put-all"
  policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Action" : "s3:Put*", "Resource" : "arn:aws:s3:::*/*" }] })
}

resource "aws_iam_role_policy_attachment" "put_all" {
  role       = aws_iam_role.attached.name
  policy_arn = aws_iam_policy.put_all.arn
}
