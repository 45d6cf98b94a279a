terraform {
  required_version = ">= 1.9"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
      # aws.management: the organization's management account (the SCPs);
      # aws.shared: the shared services account (the central repository).
      configuration_aliases = [aws.management, aws.shared]
    }
  }
}
