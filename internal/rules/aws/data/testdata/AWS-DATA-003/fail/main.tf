# Hold personal data, and no server access logging records who reads it.
resource "aws_s3_bucket" "customers" { # expect
  bucket = "acme-ml-customer-data"
}

resource "aws_s3_bucket" "support" { # expect
  bucket = "acme-ml-support-chats"
}

# Not classified, or private addresses only.
resource "aws_s3_bucket" "features" {
  bucket = "acme-ml-features"
}

resource "aws_s3_bucket" "telemetry" {
  bucket = "acme-ml-telemetry"
}
