resource "aws_kms_key" "ml" {
  description         = "ML data"
  enable_key_rotation = true
}

resource "aws_sagemaker_notebook_instance" "linked" {
  name          = "linked"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.ml.arn
}

resource "aws_sagemaker_notebook_instance" "none" {
  name          = "none"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
}
