variable "unknown" {}

resource "awscc_kms_key" "key" {
}

resource "awscc_bedrock_agent" "cmk" {
  agent_name                  = "support"
  agent_resource_role_arn     = "arn:aws:iam::111122223333:role/agent"
  foundation_model            = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  customer_encryption_key_arn = "Key.Arn"
}
