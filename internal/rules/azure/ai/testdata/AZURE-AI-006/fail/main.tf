resource "azurerm_cognitive_account_rai_policy" "lax" {
  name                 = "lax"
  cognitive_account_id = "/subscriptions/0/resourceGroups/ml/providers/Microsoft.CognitiveServices/accounts/contoso"
  base_policy_name     = "Microsoft.DefaultV2"
  content_filter {
    name               = "Violence"
    filter_enabled     = false # expect
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }
  content_filter {
    name               = "Jailbreak"
    filter_enabled     = true
    block_enabled      = false # expect
    severity_threshold = "High"
    source             = "Prompt"
  }
  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "High"
    source             = "Completion"
  }
}
