resource "aws_ecr_repository" "scoped" {
  name = "scoped"
}

resource "aws_ecr_repository_policy" "scoped" {
  repository = aws_ecr_repository.scoped.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = ["ecr:BatchGetImage"] }]
  })
}
