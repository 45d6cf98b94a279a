# Principal "*" behind conditions that any AWS customer can meet.
resource "aws_s3_bucket" "models" {
  bucket = "models"
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({ Statement = [{ Sid = "Deployers", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::models/*", Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/ml-deployer" } } }] }) # expect
}

resource "aws_ecr_repository" "base" {
  name = "base"
}

resource "aws_ecr_repository_policy" "base" {
  repository = aws_ecr_repository.base.name
  policy     = jsonencode({ Statement = [{ Sid = "Pipelines", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition = { StringEquals = { "aws:UserAgent" = "ml-pipeline" } } }] }) # expect
}

resource "aws_kms_key" "data" {
  policy = jsonencode({ Statement = [ # expect
    { Sid = "Admin", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" },
    { Sid = "AnyOrganization", Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*", Condition = { Null = { "aws:PrincipalOrgID" = "false" } } },
  ] })
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy     = jsonencode({ Statement = [{ Sid = "NotThatOne", Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*", Condition = { StringNotEquals = { "aws:PrincipalAccount" = "999988887777" } } }] }) # expect
}

resource "aws_sagemaker_model_package_group" "registry" {
  model_package_group_name = "registry"
}

resource "aws_sagemaker_model_package_group_policy" "registry" {
  model_package_group_name = aws_sagemaker_model_package_group.registry.model_package_group_name
  resource_policy          = jsonencode({ Statement = [{ Sid = "OrgPath", Effect = "Allow", Principal = "*", Action = "sagemaker:DescribeModelPackage", Resource = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/registry/*", Condition = { "ForAllValues:StringLike" = { "aws:PrincipalOrgPaths" = ["o-a1b2c3d4e5/*"] } } }] }) # expect
}

resource "aws_iam_role" "deployer" {
  name               = "deployer"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole", Condition = { StringEqualsIfExists = { "aws:SourceAccount" = "111122223333" } } }] }) # expect
}

# The notification topic of a pipeline: anyone whose user agent says so.
resource "aws_sns_topic" "pipeline_events" {
  name = "pipeline-events"
}

resource "aws_sns_topic_policy" "pipeline_events" {
  arn    = aws_sns_topic.pipeline_events.arn
  policy = jsonencode({ Statement = [{ Sid = "Agent", Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "*", Condition = { StringLike = { "aws:UserAgent" = "pipeline-runner/*" } } }] }) # expect
}

# An inference request queue: a source ARN in any account.
resource "aws_sqs_queue" "requests" {
  name   = "inference-requests"
  policy = jsonencode({ Statement = [{ Sid = "AnyBucket", Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*", Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:s3:::*" } } }] }) # expect
}

# A vector store: a role name in any account.
resource "aws_opensearch_domain" "vectors" {
  domain_name = "vectors"
  vpc_options {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
  access_policies = jsonencode({ Statement = [{ Sid = "Readers", Effect = "Allow", Principal = "*", Action = "es:ESHttpGet", Resource = "*", Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/rag-reader" } } }] }) # expect
}

# Policies for a bucket and a queue that other stacks created: judged on
# their own, at the policy resource.
resource "aws_s3_bucket_policy" "shared_datasets" {
  bucket = "shared-datasets"
  policy = jsonencode({ Statement = [{ Sid = "Portal", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::shared-datasets/*", Condition = { StringLike = { "aws:Referer" = "https://data.example.com/*" } } }] }) # expect
}

resource "aws_sqs_queue_policy" "shared_results" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/shared-results"
  policy    = jsonencode({ Statement = [{ Sid = "AnyTopic", Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*", Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:sns:*:*:results" } } }] }) # expect
}
