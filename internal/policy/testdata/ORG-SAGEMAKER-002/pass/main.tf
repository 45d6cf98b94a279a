resource "aws_iam_role" "ds" {
  name               = "ds"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }] })
}

resource "aws_iam_role" "serving" {
  name               = "serving"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }] })
}

resource "aws_sagemaker_notebook_instance" "nb" {
  name          = "nb"
  role_arn      = aws_iam_role.ds.arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_model" "own" {
  name               = "own"
  execution_role_arn = aws_iam_role.serving.arn
  primary_container {
    image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:0000000000000000000000000000000000000000000000000000000000000000"
  }
}
