resource "awscc_s3_bucket" "models" { # expect
}

resource "awscc_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-exec"
  primary_container = {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn:1"
    model_data_url = "s3://${awscc_s3_bucket.models.bucket_name}/churn/model.tar.gz"
  }
}

resource "awscc_s3_bucket" "mlflow" { # expect
}

resource "awscc_sagemaker_mlflow_tracking_server" "team" {
  tracking_server_name = "team"
  role_arn             = "arn:aws:iam::111122223333:role/mlflow"
  artifact_store_uri   = "s3://${awscc_s3_bucket.mlflow.bucket_name}/artifacts"
}
