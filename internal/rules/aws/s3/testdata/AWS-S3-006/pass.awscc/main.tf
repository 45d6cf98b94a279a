variable "unknown" {}

resource "awscc_s3_bucket" "private" {
  access_control = "Private"
}

resource "awscc_s3_bucket" "default" {
}
