resource "aws_bedrockagent_agent" "no_guardrail" { # expect
  agent_name                  = "no-guardrail"
  agent_resource_role_arn     = "arn:aws:iam::111122223333:role/agent"
  foundation_model            = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  customer_encryption_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
