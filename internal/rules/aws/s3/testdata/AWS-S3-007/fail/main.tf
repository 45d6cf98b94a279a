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

resource "aws_s3_bucket" "mlflow" { # expect
  bucket = "ml-mlflow-111122223333"
}

resource "aws_sagemaker_mlflow_tracking_server" "team" {
  tracking_server_name = "team"
  role_arn             = "arn:aws:iam::111122223333:role/mlflow"
  artifact_store_uri   = "s3://${aws_s3_bucket.mlflow.bucket}/artifacts"
}
