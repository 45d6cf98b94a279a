variable "unknown" {}

resource "awscc_sagemaker_model" "clean" {
  execution_role_arn = "arn:aws:iam::111122223333:role/model"
  primary_container = {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
    environment = {
      "DB_PASSWORD" = "{{resolve:secretsmanager:ml/db:SecretString:password}}"
      "API_KEY"     = var.unknown
    }
  }
}
