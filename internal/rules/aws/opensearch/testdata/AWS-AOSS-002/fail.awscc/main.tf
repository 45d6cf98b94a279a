resource "awscc_opensearchserverless_security_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "encryption"
  policy = "{\"Rules\":[{\"ResourceType\":\"collection\",\"Resource\":[\"collection/kb-vectors\"]}],\"AWSOwnedKey\":true}" # expect
}
