variable "unknown" {}

resource "awscc_kms_key" "default_policy" {}

resource "awscc_kms_key" "scoped" {
  key_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }
    }]
  })
}

resource "awscc_kms_key" "unknown" {
  key_policy = var.unknown
}
