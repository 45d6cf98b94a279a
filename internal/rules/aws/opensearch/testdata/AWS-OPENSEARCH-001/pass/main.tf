locals {
  open = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

# In a VPC: only the network reaches it.
resource "aws_opensearch_domain" "vpc" {
  domain_name     = "rag-vpc"
  access_policies = local.open
  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

# Public, but fine-grained access control authenticates every request.
resource "aws_opensearch_domain" "fgac" {
  domain_name     = "rag-fgac"
  access_policies = local.open
  advanced_security_options {
    enabled = true
    master_user_options {
      master_user_arn = "arn:aws:iam::111122223333:role/search-admin"
    }
  }
}

# Public, but only from the office range.
resource "aws_opensearch_domain" "ip" {
  domain_name = "rag-ip"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}

# Public, granted to a named role only.
resource "aws_opensearch_domain" "role" {
  domain_name = "rag-role"
  access_policies = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/rag-app" }, Action = "es:ESHttp*", Resource = "*" }]
  })
}

# No access policy: only identities of the account granted es:* get in.
resource "aws_opensearch_domain" "nopolicy" {
  domain_name = "rag-nopolicy"
}
