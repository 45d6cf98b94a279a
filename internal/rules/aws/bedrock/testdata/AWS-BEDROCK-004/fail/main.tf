resource "aws_bedrock_custom_model" "no_key" { # expect
  custom_model_name     = "no-key"
  job_name              = "no-key-job"
  base_model_identifier = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = "arn:aws:iam::111122223333:role/bedrock-customization"
  hyperparameters = {
    epochCount = "1"
  }
  training_data_config {
    s3_uri = "s3://ml-training-data/no_key/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://ml-models/no_key/"
  }
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}

resource "aws_bedrock_custom_model" "aws_managed" {
  custom_model_name     = "aws-managed"
  job_name              = "aws-managed-job"
  base_model_identifier = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = "arn:aws:iam::111122223333:role/bedrock-customization"
  hyperparameters = {
    epochCount = "1"
  }
  training_data_config {
    s3_uri = "s3://ml-training-data/aws_managed/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://ml-models/aws_managed/"
  }
  custom_model_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/bedrock" # expect
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}
