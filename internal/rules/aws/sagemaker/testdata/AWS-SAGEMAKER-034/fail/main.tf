resource "aws_vpc" "ml" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_nat_gateway" "nat" {
  subnet_id     = "subnet-0fedcba9876543210"
  allocation_id = "eipalloc-0123456789abcdef0"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route" "default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.public.id
}


resource "aws_sagemaker_notebook_instance" "public" {
  name                   = "public"
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.a.id # expect
  security_groups        = [aws_security_group.sg.id]
  direct_internet_access = "Disabled"
}
