resource "aws_bedrock_custom_model" "private" {
  custom_model_name     = "private"
  job_name              = "private-job"
  base_model_identifier = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = "arn:aws:iam::111122223333:role/bedrock-customization"
  hyperparameters = {
    epochCount = "1"
  }
  training_data_config {
    s3_uri = "s3://ml-training-data/private/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://ml-models/private/"
  }
  custom_model_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}
