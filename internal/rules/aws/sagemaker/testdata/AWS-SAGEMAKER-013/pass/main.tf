resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_sagemaker_model" "clean" {
  name                     = "clean"
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true
  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
    environment = {
      SAGEMAKER_PROGRAM   = "serve.py"
      HF_TOKEN_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hub"
      DB_PASSWORD         = terraform_data.unknown.output
    }
  }
}
