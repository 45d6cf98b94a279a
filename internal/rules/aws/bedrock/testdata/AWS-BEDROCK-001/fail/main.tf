resource "aws_bedrockagent_agent" "no_key" { # expect
  agent_name              = "no-key"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration = [{
    guardrail_identifier = "gr-abc123"
    guardrail_version    = "1"
  }]
}

resource "aws_bedrockagent_agent" "aws_managed" {
  agent_name              = "aws-managed"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration = [{
    guardrail_identifier = "gr-abc123"
    guardrail_version    = "1"
  }]
  customer_encryption_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/aws/bedrock" # expect
}
