resource "awscc_sagemaker_model" "no_vpc" { # expect
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true
  primary_container = {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
}
