variable "unknown" {}

resource "awscc_bedrock_guardrail" "keyed" {
  name                      = "Keyed"
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
  kms_key_arn = awscc_kms_key.key.arn
}

resource "awscc_bedrock_guardrail" "from_param" {
  name                      = "FromParam"
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
  kms_key_arn = var.unknown
}

resource "awscc_kms_key" "key" {
  enable_key_rotation = true
}
