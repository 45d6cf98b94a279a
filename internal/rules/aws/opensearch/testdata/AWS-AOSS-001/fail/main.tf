resource "aws_opensearchserverless_security_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "network"
  policy = jsonencode([{ Rules = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }, { ResourceType = "dashboard", Resource = ["collection/kb-vectors"] }], AllowFromPublic = true }]) # expect
}
