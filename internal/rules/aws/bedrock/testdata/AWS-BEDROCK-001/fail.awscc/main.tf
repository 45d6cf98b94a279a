variable "unknown" {}

resource "awscc_bedrock_agent" "no_key" { # expect
  agent_name              = "support"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
}
