resource "aws_opensearch_domain" "plain" { # expect
  domain_name = "rag-plain"
}

resource "aws_opensearch_domain" "off" {
  domain_name = "rag-off"
  encrypt_at_rest {
    enabled = false # expect
  }
}

resource "aws_elasticsearch_domain" "awskey" {
  domain_name = "rag-legacy"
  encrypt_at_rest {
    enabled = true # expect
  }
}
