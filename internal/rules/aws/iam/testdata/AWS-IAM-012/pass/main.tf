# Principal "*" behind conditions that pin the caller; and named principals.
resource "aws_s3_bucket" "models" {
  bucket = "models"
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({ Statement = [{ Sid = "Deployers", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::models/*", Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/ml-*" } } }] })
}

resource "aws_ecr_repository" "base" {
  name = "base"
}

resource "aws_ecr_repository_policy" "base" {
  repository = aws_ecr_repository.base.name
  policy     = jsonencode({ Statement = [{ Sid = "Organization", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5", "aws:UserAgent" = "ml-pipeline" } } }] })
}

resource "aws_kms_key" "data" {
  policy = jsonencode({ Statement = [
    { Sid = "Admin", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
    { Sid = "Endpoint", Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*", Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } } },
  ] })
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy     = jsonencode({ Statement = [{ Sid = "Account", Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*", Condition = { StringEquals = { "aws:PrincipalAccount" = "111122223333" } } }] })
}

resource "aws_sagemaker_model_package_group" "registry" {
  model_package_group_name = "registry"
}

resource "aws_sagemaker_model_package_group_policy" "registry" {
  model_package_group_name = aws_sagemaker_model_package_group.registry.model_package_group_name
  resource_policy          = jsonencode({ Statement = [{ Sid = "OrgPath", Effect = "Allow", Principal = "*", Action = "sagemaker:DescribeModelPackage", Resource = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/registry/*", Condition = { "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = ["o-a1b2c3d4e5/r-ab12/ou-ab12-ml/*"] } } }] })
}

resource "aws_iam_role" "deployer" {
  name               = "deployer"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:PrincipalAccount" = "111122223333" } } }] })
}

# A statement with no condition is the public rules' to report, not this one's.
resource "aws_iam_role" "service" {
  name               = "service"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }] })
}

resource "aws_sns_topic" "pipeline_events" {
  name = "pipeline-events"
}

resource "aws_sns_topic_policy" "pipeline_events" {
  arn    = aws_sns_topic.pipeline_events.arn
  policy = jsonencode({ Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }] })
}

resource "aws_sqs_queue" "requests" {
  name   = "inference-requests"
  policy = jsonencode({ Statement = [{ Sid = "OurBucket", Effect = "Allow", Principal = { Service = "s3.amazonaws.com" }, Action = "sqs:SendMessage", Resource = "*", Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:s3:::ml-data-111122223333" }, StringEquals = { "aws:SourceAccount" = "111122223333" } } }] })
}
