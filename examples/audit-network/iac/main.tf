# The network of an ML platform, as mlguard audit --iac reads it: the VPC,
# the subnets endpoints and notebooks run in (found through the resources
# placed in them) and the security group that admits the application VPC to
# the endpoint. Training jobs are not Terraform resources: name their
# subnet with --ml-subnet training=10.20.3.0/24.

resource "aws_vpc" "ml" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "endpoints" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_subnet" "notebooks" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.20.2.0/24"
}

resource "aws_security_group" "endpoint" {
  name   = "churn-endpoint"
  vpc_id = aws_vpc.ml.id

  ingress {
    description = "The application VPC (peered) calls the model"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["10.30.0.0/16"]
  }
}

resource "aws_sagemaker_model" "churn" {
  name                     = "churn"
  execution_role_arn       = "arn:aws:iam::111122223333:role/churn-model"
  enable_network_isolation = true

  primary_container {
    image          = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.2"
    model_data_url = "s3://ml-models/churn/model.tar.gz"
  }

  vpc_config {
    subnets            = [aws_subnet.endpoints.id]
    security_group_ids = [aws_security_group.endpoint.id]
  }
}

resource "aws_sagemaker_notebook_instance" "ds" {
  name                   = "ds-churn"
  role_arn               = "arn:aws:iam::111122223333:role/ds-notebook"
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.notebooks.id
  security_groups        = [aws_security_group.endpoint.id]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}
