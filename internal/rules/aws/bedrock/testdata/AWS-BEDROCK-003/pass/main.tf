resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_bedrock_guardrail" "on" {
  name                      = "on"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }
}

resource "aws_bedrock_guardrail" "unknown" {
  name                      = "unknown"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = terraform_data.unknown.output
      output_strength = "NONE"
    }
  }
}
