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
  project = "ml-research-prod"
  region  = "us-central1"
}

module "workbench" {
  source = "../"

  name        = "alice-research"
  project     = "ml-research-prod"
  zone        = "us-central1-a"
  network     = "projects/ml-research-prod/global/networks/ml"
  subnet      = "projects/ml-research-prod/regions/us-central1/subnetworks/notebooks"
  kms_key     = "projects/ml-keys/locations/us-central1/keyRings/ml/cryptoKeys/workbench"
  data_bucket = "ml-research-prod-curated"
  owner       = "user:alice@example.com"
}
