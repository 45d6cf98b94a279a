variable "unknown" {}

resource "awscc_ec2_vpc" "vpc" {
  cidr_block = "10.0.0.0/16"
}

resource "awscc_ec2_internet_gateway" "igw" {
}

resource "awscc_ec2_vpc_gateway_attachment" "attach" {
  vpc_id              = awscc_ec2_vpc.vpc.id
  internet_gateway_id = awscc_ec2_internet_gateway.igw.id
}

resource "awscc_ec2_subnet" "subnet_a" {
  vpc_id     = awscc_ec2_vpc.vpc.id
  cidr_block = "10.0.1.0/24"
}

resource "awscc_ec2_security_group" "sg" {
  group_description = "model"
  vpc_id            = awscc_ec2_vpc.vpc.id
}

resource "awscc_ec2_route_table" "table" {
  vpc_id = awscc_ec2_vpc.vpc.id
}

resource "awscc_ec2_route" "default_route" {
  route_table_id         = awscc_ec2_route_table.table.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = awscc_ec2_internet_gateway.igw.id
}

resource "awscc_ec2_subnet_route_table_association" "assoc" {
  subnet_id      = awscc_ec2_subnet.subnet_a.id
  route_table_id = awscc_ec2_route_table.table.id
}

resource "awscc_sagemaker_notebook_instance" "public" {
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  subnet_id              = awscc_ec2_subnet.subnet_a.id # expect
  security_group_ids     = [awscc_ec2_security_group.sg.id]
  direct_internet_access = "Disabled"
}
