variable "unknown" {}

resource "awscc_s3_bucket" "public_read" {
  access_control = "PublicRead" # expect
}
