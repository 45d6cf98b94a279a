resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_security_group" "internal" {
  name   = "internal"
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_sagemaker_notebook_instance" "private" {
  name            = "private"
  role_arn        = "arn:aws:iam::111122223333:role/nb"
  instance_type   = "ml.t3.medium"
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.internal.id]
}

resource "aws_security_group" "unknown" {
  name   = "unknown"
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [terraform_data.unknown.output]
  }
}

resource "aws_sagemaker_notebook_instance" "unknown" {
  name            = "unknown"
  role_arn        = "arn:aws:iam::111122223333:role/nb"
  instance_type   = "ml.t3.medium"
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.unknown.id]
}

resource "aws_security_group" "unused_open" {
  name   = "unused_open"
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
