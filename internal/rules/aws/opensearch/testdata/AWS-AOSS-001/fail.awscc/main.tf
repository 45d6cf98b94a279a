resource "awscc_opensearchserverless_security_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "network"
  policy = "[{\"Rules\":[{\"ResourceType\":\"collection\",\"Resource\":[\"collection/kb-vectors\"]}],\"AllowFromPublic\":true}]" # expect
}
