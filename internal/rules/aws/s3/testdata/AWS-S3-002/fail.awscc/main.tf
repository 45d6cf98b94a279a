variable "unknown" {}

resource "awscc_s3_bucket" "partial" {
  public_access_block_configuration = {
    block_public_acls  = true
    ignore_public_acls = false # expect
  }
}
