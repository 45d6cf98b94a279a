resource "aws_iam_role" "admin" {
  name               = "ml-admin"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }] })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "team" {
  name = "data-science-team"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" },
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "sts:AssumeRole" }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "team" {
  role       = aws_iam_role.team.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}

resource "aws_iam_role_policy" "team" {
  name   = "pass"
  role   = aws_iam_role.team.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}

resource "aws_iam_role" "training" {
  name               = "training"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_policy" "broad" {
  name = "broad"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "AllS3", Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::ml-data/*" },
      { Sid = "ReadAll", Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      { Sid = "Manage", Effect = "Allow", Action = "iam:PutRolePolicy", Resource = "*" },
      { Sid = "Decrypt1", Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:us-east-1:111122223333:key/k1" },
      { Sid = "Decrypt2", Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:us-east-1:111122223333:key/k1" },
      { Sid = "Models", Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::ml-models" }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "broad" {
  role       = aws_iam_role.training.name
  policy_arn = aws_iam_policy.broad.arn
}

# A data-science group: two policies that together escalate.
resource "aws_iam_group" "data_science" {
  name = "data-science"
}

resource "aws_iam_group_policy" "pass" {
  name   = "pass"
  group  = aws_iam_group.data_science.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "PassAny", Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}

resource "aws_iam_policy" "notebooks" {
  name   = "notebooks"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], Resource = "arn:aws:sagemaker:*:*:notebook-instance/*" }] })
}

resource "aws_iam_group_policy_attachment" "notebooks" {
  group      = aws_iam_group.data_science.name
  policy_arn = aws_iam_policy.notebooks.arn
}

resource "aws_iam_user" "ci" {
  name = "ml-ci"
}

resource "aws_iam_user_policy_attachment" "ci" {
  user       = aws_iam_user.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}
