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
