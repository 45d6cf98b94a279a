variable "unknown" {}

resource "awscc_sagemaker_model" "in_vpc" {
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true
  primary_container = {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
  vpc_config = {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

resource "awscc_sagemaker_model" "maybe" {
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true
  primary_container = {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
  vpc_config = var.unknown
}
