# A root module that uses the blueprint. Replace the IDs with yours, and give
# the shared services provider the role it assumes there.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

provider "aws" {
  alias  = "management"
  region = "us-east-1"
}

provider "aws" {
  alias  = "shared"
  region = "eu-west-1"
}

module "guardrails" {
  source = "../"
  providers = {
    aws.management = aws.management
    aws.shared     = aws.shared
  }

  organization_id       = "o-a1b2c3d4e5"
  ml_ou_ids             = ["ou-ab12-cdef3456", "ou-ab12-7890abcd"]
  allowed_regions       = ["eu-west-1", "eu-central-1"]
  approved_kms_key_arns = ["arn:aws:kms:*:444455556666:key/*"]
  member_account_ids    = ["111122223333", "222233334444"]

  tags = { owner = "platform" }
}

output "repository_url" {
  value = module.guardrails.repository_url
}
