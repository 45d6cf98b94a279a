resource "terraform_data" "unknown" {
  input = []
}

resource "aws_sagemaker_model" "in_vpc" {
  name                     = "in-vpc"
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true

  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}

resource "aws_sagemaker_model" "dynamic_unknown" {
  name                     = "dynamic-unknown"
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true

  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
  dynamic "vpc_config" {
    for_each = terraform_data.unknown.output
    content {
      subnets            = vpc_config.value.subnets
      security_group_ids = vpc_config.value.security_group_ids
    }
  }
}
