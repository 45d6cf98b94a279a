# A RAG vector store on a public endpoint, open to everyone.
resource "aws_opensearch_domain" "open" {
  domain_name    = "rag-open"
  engine_version = "OpenSearch_2.13"
  access_policies = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "arn:aws:es:eu-west-1:111122223333:domain/rag-open/*" }]
  })
}

# The policy kept apart, behind a condition any AWS customer can meet.
resource "aws_opensearch_domain" "weak" {
  domain_name = "rag-weak"
}

resource "aws_opensearch_domain_policy" "weak" {
  domain_name = aws_opensearch_domain.weak.domain_name
  access_policies = jsonencode({ # expect
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow", Principal = "*", Action = "es:ESHttp*", Resource = "arn:aws:es:eu-west-1:111122223333:domain/rag-weak/*"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/rag-reader" } }
    }]
  })
}

# Fine-grained access control that lets anonymous requests through.
resource "aws_opensearch_domain" "anonymous" {
  domain_name = "rag-anonymous"
  advanced_security_options {
    enabled                = true
    anonymous_auth_enabled = true
    master_user_options {
      master_user_arn = "arn:aws:iam::111122223333:role/search-admin"
    }
  }
  access_policies = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "arn:aws:es:eu-west-1:111122223333:domain/rag-anonymous/*" }]
  })
}
