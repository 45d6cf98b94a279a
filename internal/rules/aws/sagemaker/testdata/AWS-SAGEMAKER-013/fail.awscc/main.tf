variable "unknown" {}

resource "awscc_sagemaker_model" "leaky" {
  execution_role_arn = "arn:aws:iam::111122223333:role/model"
  primary_container = {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
    environment = { # expect
      "SAGEMAKER_PROGRAM" = "serve.py"
      "AWS_ACCESS_KEY_ID" = "AKIAIOSFODNN7EXAMPLE"
    }
  }
}
