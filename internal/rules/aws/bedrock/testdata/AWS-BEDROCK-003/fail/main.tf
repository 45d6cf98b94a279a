resource "aws_bedrock_guardrail" "no_filters" { # expect
  name                      = "no-filters"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
}

resource "aws_bedrock_guardrail" "other_filter" { # expect
  name                      = "other-filter"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config {
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }
}

resource "aws_bedrock_guardrail" "off" {
  name                      = "off"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "NONE" # expect
      output_strength = "NONE"
    }
  }
}
