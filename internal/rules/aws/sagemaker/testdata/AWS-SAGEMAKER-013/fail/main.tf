resource "aws_sagemaker_model" "leaky" {
  name                     = "leaky"
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true
  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
    environment = { # expect
      SAGEMAKER_PROGRAM = "serve.py"
      HF_TOKEN          = "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"
      DB_PASSWORD       = "hunter2hunter2"
    }
  }
}
