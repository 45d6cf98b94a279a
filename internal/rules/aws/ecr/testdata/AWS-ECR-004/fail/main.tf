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

# The policy of a repository another stack created: flagged at the policy.
resource "aws_ecr_repository_policy" "shared" {
  repository = "ml-base-images"
  policy = jsonencode({ # expect
    Statement = [{ Sid = "Anyone", Effect = "Allow", Principal = { AWS = "*" }, Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]
  })
}
