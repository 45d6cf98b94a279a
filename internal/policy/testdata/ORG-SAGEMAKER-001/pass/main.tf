resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "platform" {
  name     = "platform"
  on_start = base64encode("echo start")
}

resource "aws_sagemaker_notebook_instance" "linked" {
  name                  = "linked"
  role_arn              = "arn:aws:iam::111122223333:role/nb"
  instance_type         = "ml.t3.medium"
  lifecycle_config_name = aws_sagemaker_notebook_instance_lifecycle_configuration.platform.name
}

resource "aws_sagemaker_notebook_instance" "named" {
  name                  = "named"
  role_arn              = "arn:aws:iam::111122223333:role/nb"
  instance_type         = "ml.t3.medium"
  lifecycle_config_name = "platform"
}
