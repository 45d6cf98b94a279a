# A root module that uses the blueprint. Replace the IDs with yours.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.0, < 5.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

module "workspace" {
  source = "../"

  name                         = "churn"
  resource_group_name          = "ml-churn"
  location                     = "westeurope"
  tenant_id                    = "11111111-1111-1111-1111-111111111111"
  private_endpoint_subnet_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/ml/subnets/private-endpoints"
  approved_outbound_fqdns      = ["pypi.internal.example.com"]
  data_scientists_principal_id = "22222222-2222-2222-2222-222222222222"
}
