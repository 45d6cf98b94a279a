resource "aws_vpc" "bare" { # expect
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "bare" {
  vpc_id     = aws_vpc.bare.id
  cidr_block = "10.1.0.0/24"
}

resource "aws_security_group" "bare" {
  name   = "bare"
  vpc_id = aws_vpc.bare.id
}

resource "aws_sagemaker_notebook_instance" "bare" {
  name                   = "bare"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.bare.id
  security_groups        = [aws_security_group.bare.id]
  direct_internet_access = "Disabled"
}

resource "aws_vpc" "partial" { # expect
  cidr_block = "10.2.0.0/16"
}

resource "aws_subnet" "partial" {
  vpc_id     = aws_vpc.partial.id
  cidr_block = "10.2.0.0/24"
}

resource "aws_security_group" "partial" {
  name   = "partial"
  vpc_id = aws_vpc.partial.id
}

resource "aws_sagemaker_domain" "partial" {
  domain_name             = "partial"
  auth_mode               = "IAM"
  vpc_id                  = aws_vpc.partial.id
  subnet_ids              = [aws_subnet.partial.id]
  app_network_access_type = "VpcOnly"
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-exec"
  }
}

resource "aws_vpc_endpoint" "partial_s3" {
  vpc_id       = aws_vpc.partial.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc_endpoint" "partial_sagemaker_api" {
  vpc_id       = aws_vpc.partial.id
  service_name = "com.amazonaws.eu-west-1.sagemaker.api"
}
