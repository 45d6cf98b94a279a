resource "aws_opensearchserverless_security_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "network"
  policy = jsonencode([{ Rules = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }], AllowFromPublic = false, SourceVPCEs = ["vpce-050f79086ee71ac05"], SourceServices = ["bedrock.amazonaws.com"] }])
}

# A encryption policy is another rule's to judge.
resource "aws_opensearchserverless_security_policy" "other" {
  name   = "kb-vectors-other"
  type   = "encryption"
  policy = jsonencode({ Rules = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }], AWSOwnedKey = true })
}
