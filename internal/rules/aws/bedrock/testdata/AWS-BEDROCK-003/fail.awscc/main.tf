variable "unknown" {}

resource "awscc_bedrock_guardrail" "no_filters" { # expect
  name                      = "g"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
}

resource "awscc_bedrock_guardrail" "off" {
  name                      = "g"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config = {
    filters_config = [
      {
        type            = "PROMPT_ATTACK"
        input_strength  = "NONE" # expect
        output_strength = "NONE"
      }
    ]
  }
}
