resource "awscc_bedrock_guardrail" "no_key" { # expect
  name                      = "NoKey"
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

resource "awscc_bedrock_guardrail" "aws_managed" {
  name                      = "AwsManaged"
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
  kms_key_arn = "alias/aws/bedrock" # expect
}
