variable "service" {}

resource "awscc_ec2_vpc" "full" {
  cidr_block = "10.1.0.0/16"
}

resource "awscc_ec2_subnet" "full" {
  vpc_id     = awscc_ec2_vpc.full.id
  cidr_block = "10.1.0.0/24"
}

resource "awscc_sagemaker_notebook_instance" "full_notebook" {
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = awscc_ec2_subnet.full.id
  security_group_ids     = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}

resource "awscc_ec2_vpc_endpoint" "full_s3" {
  vpc_id       = awscc_ec2_vpc.full.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "awscc_ec2_vpc_endpoint" "full_api" {
  vpc_id       = awscc_ec2_vpc.full.id
  service_name = "com.amazonaws.eu-west-1.sagemaker.api"
}

resource "awscc_ec2_vpc_endpoint" "full_runtime" {
  vpc_id       = awscc_ec2_vpc.full.id
  service_name = "com.amazonaws.eu-west-1.sagemaker.runtime"
}

resource "awscc_ec2_vpc" "unknown" {
  cidr_block = "10.3.0.0/16"
}

resource "awscc_ec2_subnet" "unknown" {
  vpc_id     = awscc_ec2_vpc.unknown.id
  cidr_block = "10.3.0.0/24"
}

resource "awscc_sagemaker_notebook_instance" "unknown_notebook" {
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = awscc_ec2_subnet.unknown.id
  security_group_ids     = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}

resource "awscc_ec2_vpc_endpoint" "unknown" {
  vpc_id       = awscc_ec2_vpc.unknown.id
  service_name = var.service
}
