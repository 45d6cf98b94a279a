// Package ai holds the rules on Azure AI services accounts: Azure OpenAI, AI
// Services (Foundry) and the other Cognitive Services kinds that serve
// models behind an API.
package ai

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "azure", "ai", acheck.AccountTypes
	rule.Register(r)
}

const docs = "https://learn.microsoft.com/azure/ai-services/"

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-AI-001", Slug: "ai-account-public-network",
			Title:    "Azure OpenAI or AI services account is reachable from every network",
			Severity: rule.High, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With public network access on and no default-deny network rules, the account's inference and " +
				"management APIs answer from the whole internet: one leaked key or token runs up cost, extracts the " +
				"deployed models' behaviour, or reads fine-tuning files and stored completions.",
			Remediation: "Set public_network_access_enabled = false (public_network_access = \"Disabled\" on azurerm_ai_services; " +
				"publicNetworkAccess: Disabled in ARM) with a private endpoint, or network_acls with default_action = \"Deny\" and the networks allowed.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_cognitive_account\" \"openai\" {\n  public_network_access_enabled = false\n  custom_subdomain_name         = \"contoso-openai\"\n  network_acls {\n    default_action = \"Deny\"\n  }\n}",
				"arm":       "\"properties\": {\n  \"publicNetworkAccess\": \"Disabled\",\n  \"networkAcls\": {\"defaultAction\": \"Deny\"}\n}",
			},
			Defaults:   []string{"public_network_access_enabled: true", "network_acls: absent, so every network", "ARM publicNetworkAccess: Enabled"},
			References: []string{docs + "cognitive-services-virtual-networks"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.AIAccounts, func(a *azure.AIAccount) *rule.Result {
				open, at := acheck.OpenToNetworks(a.PublicNetworkAccess, a.NetworkDefaultAction)
				if !open {
					return nil
				}
				return acheck.Ptr(rule.NewResult(a.Resource, at, "public", "%s answers every network (public network access on, network default action %s%s)",
					a.Address, a.NetworkDefaultAction.Value, rule.DefaultNote(a.NetworkDefaultAction.Explicit)))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-AI-002", Slug: "ai-account-local-auth",
			Title:    "Azure OpenAI or AI services account accepts API keys",
			Severity: rule.Medium, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "API keys give full access to every deployment of the account, name no caller and live until rotated; " +
				"they end up in notebooks, front-end code and logs. With local authentication off, only Entra ID tokens " +
				"under RBAC work.",
			Remediation: "Set local_auth_enabled = false (local_authentication_enabled on azurerm_ai_services; disableLocalAuth: true in ARM) " +
				"and grant callers Cognitive Services OpenAI User.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_cognitive_account\" \"openai\" {\n  local_auth_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"disableLocalAuth\": true\n}",
			},
			Defaults:   []string{"local_auth_enabled: true", "ARM disableLocalAuth: false"},
			References: []string{docs + "disable-local-auth"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.AIAccounts, func(a *azure.AIAccount) *rule.Result {
				return acheck.When(a.Resource, a.LocalAuth, true, "local-auth", "%s accepts API keys (local authentication on%s)",
					a.Address, rule.DefaultNote(a.LocalAuth.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-AI-003", Slug: "ai-account-cmk",
			Title:    "Azure OpenAI or AI services account is not encrypted with a customer-managed key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Fine-tuning data, fine-tuned model weights, uploaded files and stored completions are encrypted with " +
				"Microsoft-managed keys unless a key of yours is set: you cannot cut access to them by revoking it.",
			Remediation: "Add a customer_managed_key block (or an azurerm_cognitive_account_customer_managed_key resource; " +
				"encryption.keySource Microsoft.KeyVault in ARM) with a user-assigned or system identity that can use the key.",
			Fixes: map[string]string{
				"terraform": "customer_managed_key {\n  key_vault_key_id   = azurerm_key_vault_key.openai.id\n  identity_client_id = azurerm_user_assigned_identity.openai.client_id\n}",
				"arm":       "\"encryption\": {\n  \"keySource\": \"Microsoft.KeyVault\",\n  \"keyVaultProperties\": {\"keyName\": \"openai\", \"keyVaultUri\": \"[parameters('vaultUri')]\"}\n}",
			},
			Defaults:   []string{"customer_managed_key: absent, so Microsoft-managed keys", "ARM encryption.keySource: Microsoft.CognitiveServices"},
			References: []string{docs + "openai/encrypt-data-at-rest"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.AIAccounts, func(a *azure.AIAccount) *rule.Result {
				if !a.CMK.Absent() {
					return nil
				}
				return acheck.Ptr(rule.NewResult(a.Resource, a.CMK.Meta, "cmk", "%s is encrypted with Microsoft-managed keys", a.Address))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-AI-004", Slug: "ai-account-outbound-unrestricted",
			Title:    "Azure OpenAI or AI services account may call any outside address",
			Severity: rule.Medium, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Features such as On Your Data, web search grounding and fine-tuning jobs make the service fetch from " +
				"addresses a caller supplies: unrestricted, a prompt or a malicious job sends your data to any host.",
			Remediation: "Set outbound_network_access_restricted = true with fqdns listing the hosts it may reach (restrictOutboundNetworkAccess and allowedFqdnList in ARM).",
			Fixes: map[string]string{
				"terraform": "outbound_network_access_restricted = true\nfqdns                              = [\"contosodata.blob.core.windows.net\"]",
				"arm":       "\"properties\": {\n  \"restrictOutboundNetworkAccess\": true,\n  \"allowedFqdnList\": [\"contosodata.blob.core.windows.net\"]\n}",
			},
			Defaults:   []string{"outbound_network_access_restricted: false", "ARM restrictOutboundNetworkAccess: false"},
			References: []string{docs + "cognitive-services-data-loss-prevention"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.AIAccounts, func(a *azure.AIAccount) *rule.Result {
				return acheck.When(a.Resource, a.OutboundRestricted, false, "outbound", "%s may send requests to any address (outbound access not restricted%s)",
					a.Address, rule.DefaultNote(a.OutboundRestricted.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-AI-005", Slug: "ai-account-no-custom-subdomain",
			Title:    "Azure OpenAI or AI services account has no custom subdomain",
			Severity: rule.Low, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Without a custom subdomain the account is served on a shared regional endpoint: Microsoft Entra ID " +
				"tokens and private endpoints cannot be used with it, so callers are left with keys and public access.",
			Remediation: "Set custom_subdomain_name (customSubDomainName in ARM) when the account is created.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_cognitive_account\" \"openai\" {\n  custom_subdomain_name = \"contoso-openai\"\n}",
				"arm":       "\"properties\": {\n  \"customSubDomainName\": \"contoso-openai\"\n}",
			},
			Defaults:   []string{"custom_subdomain_name: absent"},
			References: []string{docs + "cognitive-services-custom-subdomains"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.AIAccounts, func(a *azure.AIAccount) *rule.Result {
				if !a.CustomSubdomain.Known() || a.CustomSubdomain.Value != "" {
					return nil
				}
				return acheck.Ptr(rule.NewResult(a.Resource, a.CustomSubdomain.Meta, "no-subdomain", "%s has no custom subdomain, so no Entra ID authentication or private endpoint", a.Address))
			})
		},
	})
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-AI-006", Slug: "ai-content-filter-off",
			Title:    "Azure OpenAI content filter is turned off or only annotates",
			Severity: rule.Medium, Category: rule.Isolation, Provider: "azure", Service: "ai",
			Resources:  []string{"azurerm_cognitive_account_rai_policy", "Microsoft.CognitiveServices/accounts/raiPolicies", "azapi_resource"},
			Frameworks: framework.ModelSafety(),
			Rationale: "A deployment whose policy turns a filter off (or only annotates) passes jailbreaks, prompt " +
				"injections hidden in documents, and harmful completions straight through to the application and its users; " +
				"the base policy's protection is gone for every deployment that selects the policy.",
			Remediation: "Set filter_enabled and block_enabled to true (enabled and blocking in ARM) for every filter, " +
				"raising severity_threshold instead where a filter is too strict.",
			Fixes: map[string]string{
				"terraform": "content_filter {\n  name               = \"Jailbreak\"\n  filter_enabled     = true\n  block_enabled      = true\n  severity_threshold = \"High\"\n  source             = \"Prompt\"\n}",
				"arm":       "\"contentFilters\": [\n  {\"name\": \"Jailbreak\", \"enabled\": true, \"blocking\": true, \"source\": \"Prompt\"}\n]",
			},
			Defaults:   []string{"filters a policy does not list keep the base policy's (Microsoft.DefaultV2 filters and blocks)"},
			References: []string{"https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter", "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/content-filters"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range in.Azure.RAIPolicies {
				for _, f := range p.Filters {
					what, at := "", f.Enabled.Meta
					switch {
					case f.Enabled.IsFalse():
						what = "turns off"
					case f.Blocking.IsFalse():
						what, at = "only annotates (does not block)", f.Blocking.Meta
					default:
						continue
					}
					out = append(out, rule.NewResult(p.Resource, at, f.Name.Value+"/"+f.Source.Value,
						"%s %s the %s filter on %s", p.Address, what, f.Name.Value, strings.ToLower(f.Source.Value)+"s"))
				}
			}
			return out
		},
	})
}
