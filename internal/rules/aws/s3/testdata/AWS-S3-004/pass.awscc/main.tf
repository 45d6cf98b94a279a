variable "unknown" {}

resource "awscc_s3_bucket" "tls" {
}

resource "awscc_s3_bucket_policy" "tls" {
  bucket = awscc_s3_bucket.tls.id
  policy_document = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [awscc_s3_bucket.tls.arn, "${awscc_s3_bucket.tls.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "awscc_s3_bucket" "unknown" {
}

resource "awscc_s3_bucket_policy" "unknown" {
  bucket          = awscc_s3_bucket.unknown.id
  policy_document = var.unknown
}
