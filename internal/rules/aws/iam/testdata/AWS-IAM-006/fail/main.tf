resource "aws_iam_role" "anyone" {
  name               = "anyone"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "*" }, "Action" : "sts:AssumeRole" }] }) # expect
}

resource "aws_iam_role" "star" {
  name               = "star"
  assume_role_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Sid" : "Everyone", "Effect" : "Allow", "Principal" : "*", "Action" : "sts:AssumeRole" }] }) # expect
}
