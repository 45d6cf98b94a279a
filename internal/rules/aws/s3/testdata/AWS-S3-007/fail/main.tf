resource "aws_s3_bucket" "models" { # expect
  bucket = "ml-models-111122223333"
}

resource "aws_s3_bucket" "unused" {
  bucket = "scratch-111122223333"
}

resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-exec"
  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/churn/model.tar.gz"
  }
}
