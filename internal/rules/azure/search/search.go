// Package search holds the rules on Azure AI Search, the vector store behind
// Azure OpenAI "on your data" and many RAG applications.
package search

import (
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

var types = []string{"azurerm_search_service", "Microsoft.Search/searchServices"}

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "azure", "search", types
	rule.Register(r)
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-SEARCH-001", Slug: "search-public-network",
			Title:    "Azure AI Search service is reachable from every network",
			Severity: rule.High, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A search index behind a RAG application holds the document chunks and embeddings it retrieves. With " +
				"public network access on and no IP rules, its query and indexing endpoints answer the whole internet: a " +
				"leaked admin or query key reads or rewrites what the model is grounded on.",
			Remediation: "Set public_network_access_enabled = false (publicNetworkAccess: disabled) with a private endpoint, or list " +
				"the allowed_ips (networkRuleSet.ipRules) that may call it.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_search_service\" \"rag\" {\n  public_network_access_enabled = false\n  local_authentication_enabled  = false\n}",
				"arm":       "\"properties\": {\n  \"publicNetworkAccess\": \"disabled\",\n  \"disableLocalAuth\": true\n}",
			},
			Defaults: []string{"public_network_access_enabled: true; allowed_ips: empty, so every address",
				"ARM publicNetworkAccess: enabled; networkRuleSet.ipRules: empty"},
			References: []string{"https://learn.microsoft.com/azure/search/service-configure-firewall",
				"https://learn.microsoft.com/azure/search/service-create-private-endpoint"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.SearchServices, func(s *azure.SearchService) *rule.Result {
				if !s.PublicNetworkAccess.IsTrue() || !s.AllowedIPs.Known() || len(s.AllowedIPs.Items) > 0 {
					return nil
				}
				return acheck.Ptr(rule.NewResult(s.Resource, s.PublicNetworkAccess.Meta, "public",
					"%s answers every network (public network access on%s, no IP rules)", s.Address, rule.DefaultNote(s.PublicNetworkAccess.Explicit)))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-SEARCH-002", Slug: "search-local-auth",
			Title:    "Azure AI Search service accepts API keys",
			Severity: rule.Medium, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "An admin key creates, reads and deletes every index; a query key reads every document. Keys name no " +
				"caller and end up in application settings and notebooks; with local authentication off, only Entra ID " +
				"tokens under Azure RBAC (Search Index Data Reader, Contributor) work.",
			Remediation: "Set local_authentication_enabled = false (disableLocalAuth: true) and grant the applications' identities " +
				"Search Index Data Reader or Contributor.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_search_service\" \"rag\" {\n  local_authentication_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"disableLocalAuth\": true\n}",
			},
			Defaults:   []string{"local_authentication_enabled: true", "ARM disableLocalAuth: false"},
			References: []string{"https://learn.microsoft.com/azure/search/search-security-enable-roles"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.SearchServices, func(s *azure.SearchService) *rule.Result {
				if !s.LocalAuth.IsTrue() {
					return nil
				}
				return acheck.Ptr(rule.NewResult(s.Resource, s.LocalAuth.Meta, "local-auth",
					"%s accepts admin and query API keys (local authentication on%s)", s.Address, rule.DefaultNote(s.LocalAuth.Explicit)))
			})
		},
	})
}
