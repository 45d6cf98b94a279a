variable "unknown" {}

resource "awscc_ec2_security_group" "internal_sg" {
  group_description = "notebook"
  vpc_id            = "vpc-0123456789abcdef0"
  security_group_ingress = [
    {
      ip_protocol = "tcp"
      from_port   = 443
      to_port     = 443
      cidr_ip     = "10.0.0.0/8"
    }
  ]
}

resource "awscc_sagemaker_notebook_instance" "notebook" {
  instance_type      = "ml.t3.medium"
  role_arn           = "arn:aws:iam::111122223333:role/nb"
  subnet_id          = "subnet-0123456789abcdef0"
  security_group_ids = [awscc_ec2_security_group.internal_sg.id]
}
