# A root module that uses the blueprint. Replace the names with yours.
terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0, < 7.0"
    }
  }
}

provider "google" {
  project = "ml-pipelines-prod"
  region  = "europe-west4"
}

module "pipeline" {
  source = "../"

  name           = "churn"
  project        = "ml-pipelines-prod"
  project_number = "123456789012"
  region         = "europe-west4"
  network        = "projects/ml-pipelines-prod/global/networks/ml"
  kms_key        = "projects/ml-keys/locations/europe-west4/keyRings/ml/cryptoKeys/pipelines"
  access_policy  = "987654321"
}
