resource "awscc_ec2_vpc" "bare" { # expect
  cidr_block = "10.1.0.0/16"
}

resource "awscc_ec2_subnet" "bare" {
  vpc_id     = awscc_ec2_vpc.bare.id
  cidr_block = "10.1.0.0/24"
}

resource "awscc_sagemaker_notebook_instance" "bare_notebook" {
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = awscc_ec2_subnet.bare.id
  security_group_ids     = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}

resource "awscc_ec2_vpc" "partial" { # expect
  cidr_block = "10.2.0.0/16"
}

resource "awscc_ec2_subnet" "partial" {
  vpc_id     = awscc_ec2_vpc.partial.id
  cidr_block = "10.2.0.0/24"
}

resource "awscc_sagemaker_notebook_instance" "partial_notebook" {
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-exec"
  instance_type          = "ml.t3.medium"
  subnet_id              = awscc_ec2_subnet.partial.id
  security_group_ids     = ["sg-0a1b2c3d"]
  direct_internet_access = "Disabled"
}

resource "awscc_ec2_vpc_endpoint" "partial_api" {
  vpc_id       = awscc_ec2_vpc.partial.id
  service_name = "com.amazonaws.eu-west-1.sagemaker.api"
}

resource "awscc_ec2_vpc_endpoint" "partial_s3" {
  vpc_id       = awscc_ec2_vpc.partial.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
