resource "aws_ecr_repository" "public" {
  name = "public"
}

resource "aws_ecr_repository_policy" "public" {
  repository = aws_ecr_repository.public.name
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Sid = "Anyone", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]
  })
}
