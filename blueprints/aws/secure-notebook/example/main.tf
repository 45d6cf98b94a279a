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

module "notebook" {
  source = "../"

  name                        = "ds-alice"
  account_id                  = "111122223333"
  vpc_id                      = "vpc-0a1b2c3d4e5f60718"
  subnet_id                   = "subnet-0a1b2c3d4e5f60718"
  endpoint_security_group_ids = ["sg-0a1b2c3d4e5f60718"]
  s3_prefix_list_id           = "pl-6da54004"
  kms_key_arn                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  data_bucket_arn             = "arn:aws:s3:::example-ml-training-data"
  data_prefixes               = ["features/", "labels/"]
  lifecycle_on_start          = "#!/bin/bash\nset -euo pipefail\nsudo -u ec2-user pip install --quiet --index-url https://pypi.internal.example/simple pandas\n"

  tags = { team = "data-science" }
}

output "notebook_arn" {
  value = module.notebook.notebook_arn
}
