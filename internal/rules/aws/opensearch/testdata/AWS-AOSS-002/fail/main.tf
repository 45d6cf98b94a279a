resource "aws_opensearchserverless_security_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "encryption"
  policy = jsonencode({ Rules = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }], AWSOwnedKey = true }) # expect
}
