resource "awscc_opensearchservice_domain" "awskey" {
  domain_name = "rag-awskey"
  encryption_at_rest_options = {
    enabled = true # expect
  }
}
