# The management account: the service control policy every ML account is under.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_organizations_policy" "ml_baseline" {
  name        = "ml-baseline"
  description = "Deny leaving the organization, regions other than eu-west-1 and notebooks with direct internet access"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyLeavingOrganization"
        Effect   = "Deny"
        Action   = "organizations:LeaveOrganization"
        Resource = "*"
      },
      {
        Sid       = "DenyOtherRegions"
        Effect    = "Deny"
        NotAction = ["iam:*", "sts:*", "organizations:*", "support:*"]
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1"] } }
      },
      {
        Sid       = "DenyNotebookInternet"
        Effect    = "Deny"
        Action    = "sagemaker:CreateNotebookInstance"
        Resource  = "*"
        Condition = { StringEquals = { "sagemaker:DirectInternetAccess" = "Enabled" } }
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.ml_baseline.id
  target_id = "r-a1b2"
}
