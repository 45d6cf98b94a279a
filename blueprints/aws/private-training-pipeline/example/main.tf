# A root module that uses the blueprint. Replace the IDs and ARNs with yours.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "pipeline" {
  source = "../"

  name               = "churn-training"
  account_id         = "111122223333"
  region             = "eu-west-1"
  vpc_id             = "vpc-0a1b2c3d4e5f60718"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b1b2c3d4e5f60718"]
  route_table_ids    = ["rtb-0a1b2c3d4e5f60718"]
  kms_key_arn        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  image              = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/ml/churn-train@sha256:4f6b5d9c0e3a1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4"
  ecr_repository_arn = "arn:aws:ecr:eu-west-1:111122223333:repository/ml/churn-train"
  data_bucket_arn    = "arn:aws:s3:::example-ml-training-data"
  data_prefixes      = ["pipelines/", "features/"]
  feature_db_cidr    = "10.20.32.0/24"

  tags = { team = "churn" }
}

output "pipeline_arn" {
  value = module.pipeline.pipeline_arn
}
