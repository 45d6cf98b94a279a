resource "aws_kms_key" "vectors" {
  description         = "RAG vectors"
  enable_key_rotation = true
}

resource "aws_opensearch_domain" "cmk" {
  domain_name = "rag-cmk"
  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.vectors.arn
  }
}
