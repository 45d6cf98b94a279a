resource "awscc_opensearchserverless_security_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "encryption"
  policy = "{\"Rules\":[{\"ResourceType\":\"collection\",\"Resource\":[\"collection/kb-vectors\"]}],\"AWSOwnedKey\":false,\"KmsARN\":\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}"
}
