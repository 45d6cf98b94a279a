variable "unknown" {}

resource "awscc_ec2_security_group" "open_sg" {
  group_description = "notebook"
  vpc_id            = "vpc-0123456789abcdef0"
  security_group_ingress = [
    { # expect
      ip_protocol = "tcp"
      from_port   = 22
      to_port     = 22
      cidr_ip     = "0.0.0.0/0"
    }
  ]
}

resource "awscc_sagemaker_notebook_instance" "notebook" {
  instance_type      = "ml.t3.medium"
  role_arn           = "arn:aws:iam::111122223333:role/nb"
  subnet_id          = "subnet-0123456789abcdef0"
  security_group_ids = [awscc_ec2_security_group.open_sg.id]
}

resource "awscc_ec2_security_group" "rule_sg" {
  group_description = "model"
  vpc_id            = "vpc-0123456789abcdef0"
}

resource "awscc_ec2_security_group_ingress" "open_rule" { # expect
  group_id    = awscc_ec2_security_group.rule_sg.group_id
  ip_protocol = "-1"
  cidr_ipv6   = "::/0"
}

resource "awscc_sagemaker_model" "model" {
  execution_role_arn = "arn:aws:iam::111122223333:role/model"
  primary_container = {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
  vpc_config = {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = [awscc_ec2_security_group.rule_sg.id]
  }
}

resource "awscc_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0123456789abcdef0"
  subnet_ids              = ["subnet-0123456789abcdef0"]
  app_network_access_type = "VpcOnly"
  default_user_settings = {
    execution_role  = "arn:aws:iam::111122223333:role/studio"
    security_groups = [awscc_ec2_security_group.studio_sg.id]
  }
}

resource "awscc_ec2_security_group" "studio_sg" {
  group_description = "studio"
  vpc_id            = "vpc-0123456789abcdef0"
  security_group_ingress = [
    { # expect
      ip_protocol = "tcp"
      from_port   = 443
      to_port     = 443
      cidr_ip     = "0.0.0.0/0"
    }
  ]
}
