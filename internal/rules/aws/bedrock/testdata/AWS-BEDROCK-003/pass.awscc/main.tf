variable "unknown" {}

resource "awscc_bedrock_guardrail" "on" {
  name                      = "g"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config = {
    filters_config = [
      {
        type            = "PROMPT_ATTACK"
        input_strength  = "HIGH"
        output_strength = "NONE"
      }
    ]
  }
}
