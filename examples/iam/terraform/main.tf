# Policies for `mlguard iam analyze`: a data-science team role whose two
# policies together form an escalation path, and resource policies on the
# model bucket, key and image repository.

resource "aws_iam_role" "data_science" {
  name = "data-science-team"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Alone, each of these two policies is harmless; together they let the team
# start a training job as any role SageMaker may assume.
resource "aws_iam_role_policy" "pass" {
  name = "pass-roles"
  role = aws_iam_role.data_science.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "PassAnyRole"
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "jobs" {
  name = "training-jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "StartTraining"
      Effect   = "Allow"
      Action   = ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"]
      Resource = "arn:aws:sagemaker:*:*:training-job/*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "jobs" {
  role       = aws_iam_role.data_science.name
  policy_arn = aws_iam_policy.jobs.arn
}

resource "aws_s3_bucket" "models" {
  bucket = "ml-models-example"
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ServingReadsModels"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.data_science.arn }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::ml-models-example"
    }]
  })
}

resource "aws_kms_key" "models" {
  description         = "model artifacts"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountRoot"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "DataScience"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/data-science-team" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}

resource "aws_ecr_repository" "serving" {
  name = "ml/serving"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository_policy" "serving" {
  repository = aws_ecr_repository.serving.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyonePulls"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
