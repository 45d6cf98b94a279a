// Package acr holds the rules on Azure container registries, which keep the
// images of model servers and training environments of Azure ML and AI
// Foundry.
package acr

import (
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

var types = []string{"azurerm_container_registry", "Microsoft.ContainerRegistry/registries", "azapi_resource"}

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "azure", "acr", types
	rule.Register(r)
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ACR-001", Slug: "acr-admin-user",
			Title:    "Container registry has its admin account enabled",
			Severity: rule.High, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "The admin account is one shared user name and password with push rights to every repository: " +
				"whoever holds it replaces a model server or training image with their own, and nothing ties the push to a person.",
			Remediation: "Set admin_enabled = false (adminUserEnabled: false in ARM); give workspaces, endpoints and pipelines " +
				"AcrPull/AcrPush roles through their managed identities.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_container_registry\" \"ml\" {\n  admin_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"adminUserEnabled\": false\n}",
			},
			Defaults:   []string{"admin_enabled: false", "ARM adminUserEnabled: false"},
			References: []string{"https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.Registries, func(r *azure.Registry) *rule.Result {
				return acheck.When(r.Resource, r.AdminEnabled, true, "admin", "%s has its admin account enabled", r.Address)
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ACR-002", Slug: "acr-anonymous-pull",
			Title:    "Container registry allows anonymous pulls",
			Severity: rule.High, Category: rule.DataProtection,
			Frameworks: framework.PublicAccess(),
			Rationale: "With anonymous pull, anyone who can reach the registry downloads every image without a credential: " +
				"model servers with weights baked in, training code and the secrets images too often carry.",
			Remediation: "Set anonymous_pull_enabled = false (anonymousPullEnabled: false in ARM).",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_container_registry\" \"ml\" {\n  anonymous_pull_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"anonymousPullEnabled\": false\n}",
			},
			Defaults:   []string{"anonymous_pull_enabled: false", "ARM anonymousPullEnabled: false"},
			References: []string{"https://learn.microsoft.com/azure/container-registry/anonymous-pull-access"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.Registries, func(r *azure.Registry) *rule.Result {
				return acheck.When(r.Resource, r.AnonymousPull, true, "anonymous", "%s lets anyone pull its images without credentials", r.Address)
			})
		},
	})
}
