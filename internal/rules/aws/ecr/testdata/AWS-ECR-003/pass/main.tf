resource "terraform_data" "unknown" {
  input = "known only after apply"
}
resource "aws_kms_key" "ml" {}

resource "aws_ecr_repository" "cmk" {
  name = "cmk"
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}

resource "aws_ecr_repository" "unknown" {
  name = "unknown"
  encryption_configuration {
    encryption_type = terraform_data.unknown.output
  }
}
