resource "terraform_data" "unknown" {
  input = "known only after apply"
}
resource "aws_kms_key" "ml" {}

resource "aws_bedrockagent_agent" "cmk" {
  agent_name              = "cmk"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration = [{
    guardrail_identifier = "gr-abc123"
    guardrail_version    = "1"
  }]
  customer_encryption_key_arn = aws_kms_key.ml.arn
}

resource "aws_bedrockagent_agent" "unknown" {
  agent_name              = "unknown"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration = [{
    guardrail_identifier = "gr-abc123"
    guardrail_version    = "1"
  }]
  customer_encryption_key_arn = terraform_data.unknown.output
}
