resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_bedrockagent_agent" "guarded" {
  agent_name              = "guarded"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration = [{
    guardrail_identifier = "gr-abc123"
    guardrail_version    = "1"
  }]
}

resource "aws_bedrockagent_agent" "unknown" {
  agent_name              = "unknown"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration = [{
    guardrail_identifier = terraform_data.unknown.output
    guardrail_version    = "1"
  }]
}
