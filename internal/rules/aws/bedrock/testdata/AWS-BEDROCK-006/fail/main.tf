resource "aws_bedrock_guardrail" "no_key" { # expect
  name                      = "no_key"
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

resource "aws_bedrock_guardrail" "aws_managed" {
  name                      = "aws_managed"
  blocked_input_messaging   = "Blocked."
  blocked_outputs_messaging = "Blocked."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/aws/bedrock" # expect
}
