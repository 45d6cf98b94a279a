variable "block" {
  type = bool
}

resource "azurerm_cognitive_account_rai_policy" "strict" {
  name                 = "strict"
  cognitive_account_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.CognitiveServices/accounts/contoso"
  base_policy_name     = "Microsoft.DefaultV2"
  content_filter {
    name               = "Violence"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "High"
    source             = "Prompt"
  }
  content_filter {
    name               = "Jailbreak"
    filter_enabled     = true
    block_enabled      = var.block
    severity_threshold = "High"
    source             = "Prompt"
  }
}
