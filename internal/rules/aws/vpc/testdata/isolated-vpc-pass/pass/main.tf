variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "terraform_data" "service" {
  input = "com.amazonaws.eu-west-1.s3"
}

resource "aws_vpc" "full" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "full" {
  vpc_id     = aws_vpc.full.id
  cidr_block = "10.1.0.0/24"
}

resource "aws_security_group" "full" {
  name   = "full"
  vpc_id = aws_vpc.full.id
}

resource "aws_sagemaker_notebook_instance" "full" {
  name                   = "full"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.full.id
  security_groups        = [aws_security_group.full.id]
  direct_internet_access = "Disabled"
}

resource "aws_vpc_endpoint" "full_s3" {
  vpc_id       = aws_vpc.full.id
  service_name = "com.amazonaws.${var.region}.s3"
}

resource "aws_vpc_endpoint" "full_sagemaker_api" {
  vpc_id       = aws_vpc.full.id
  service_name = "com.amazonaws.${var.region}.sagemaker.api"
}

resource "aws_vpc_endpoint" "full_sagemaker_runtime" {
  vpc_id       = aws_vpc.full.id
  service_name = "com.amazonaws.${var.region}.sagemaker.runtime"
}

resource "aws_vpc" "open" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_subnet" "open" {
  vpc_id     = aws_vpc.open.id
  cidr_block = "10.2.0.0/24"
}

resource "aws_security_group" "open" {
  name   = "open"
  vpc_id = aws_vpc.open.id
}

resource "aws_sagemaker_notebook_instance" "open" {
  name                   = "open"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.open.id
  security_groups        = [aws_security_group.open.id]
  direct_internet_access = "Enabled"
}

resource "aws_vpc" "unknown" {
  cidr_block = "10.3.0.0/16"
}

resource "aws_subnet" "unknown" {
  vpc_id     = aws_vpc.unknown.id
  cidr_block = "10.3.0.0/24"
}

resource "aws_security_group" "unknown" {
  name   = "unknown"
  vpc_id = aws_vpc.unknown.id
}

resource "aws_sagemaker_notebook_instance" "unknown" {
  name                   = "unknown"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.unknown.id
  security_groups        = [aws_security_group.unknown.id]
  direct_internet_access = "Disabled"
}

resource "aws_vpc_endpoint" "unknown" {
  vpc_id       = aws_vpc.unknown.id
  service_name = terraform_data.service.output
}
