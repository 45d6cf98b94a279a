resource "aws_bedrock_custom_model" "public" { # expect
  custom_model_name     = "public"
  job_name              = "public-job"
  base_model_identifier = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = "arn:aws:iam::111122223333:role/bedrock-customization"
  hyperparameters = {
    epochCount = "1"
  }
  training_data_config {
    s3_uri = "s3://ml-training-data/public/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://ml-models/public/"
  }
  custom_model_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
