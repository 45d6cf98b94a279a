resource "awscc_opensearchservice_domain" "cmk" {
  domain_name = "rag-cmk"
  encryption_at_rest_options = {
    enabled    = true
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
