resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_kms_key" "ml" {}

resource "aws_sagemaker_notebook_instance" "linked" {
  name          = "linked"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.ml.arn
}

resource "aws_sagemaker_notebook_instance" "literal" {
  name          = "literal"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_sagemaker_notebook_instance" "unknown" {
  name          = "unknown"
  role_arn      = "arn:aws:iam::111122223333:role/nb"
  instance_type = "ml.t3.medium"
  kms_key_id    = terraform_data.unknown.output
}
