resource "aws_security_group" "open_inline" {
  name   = "open_inline"
  vpc_id = "vpc-0123456789abcdef0"
  ingress { # expect
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_sagemaker_notebook_instance" "inline" {
  name            = "inline"
  role_arn        = "arn:aws:iam::111122223333:role/nb"
  instance_type   = "ml.t3.medium"
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.open_inline.id]
}

resource "aws_security_group" "open_rule" {
  name   = "open_rule"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_vpc_security_group_ingress_rule" "jupyter" { # expect
  security_group_id = aws_security_group.open_rule.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "tcp"
  from_port         = 8888
  to_port           = 8888
}

resource "aws_sagemaker_notebook_instance" "separate" {
  name            = "separate"
  role_arn        = "arn:aws:iam::111122223333:role/nb"
  instance_type   = "ml.t3.medium"
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.open_rule.id]
}

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0123456789abcdef0"
  subnet_ids              = ["subnet-0123456789abcdef0"]
  app_network_access_type = "VpcOnly"
  domain_settings {
    security_group_ids = [aws_security_group.studio.id]
  }
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/studio"
  }
}

resource "aws_sagemaker_user_profile" "analyst" {
  domain_id         = aws_sagemaker_domain.studio.id
  user_profile_name = "analyst"
  user_settings {
    execution_role  = "arn:aws:iam::111122223333:role/studio"
    security_groups = [aws_security_group.open_inline.id]
  }
}

resource "aws_security_group" "studio" {
  name   = "studio"
  vpc_id = "vpc-0123456789abcdef0"
  ingress { # expect
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
