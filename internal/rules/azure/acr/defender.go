package acr

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ACR-003", Slug: "defender-containers-free",
			Title:    "Microsoft Defender for Containers is on the Free tier, so registry images are not scanned",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Provider: "azure", Service: "acr",
			Resources:  []string{"azurerm_security_center_subscription_pricing", "Microsoft.Security/pricings"},
			Frameworks: framework.Integrity(),
			Rationale: "Vulnerability assessment of the images in Azure Container Registry (the Azure ML environments, model " +
				"server and training images) comes with Defender for Containers. On the Free tier the images are pushed, " +
				"pulled and deployed without being scanned, and nothing warns when a deployed image turns out to be vulnerable.",
			Remediation: "Set the Containers plan to the Standard tier (tier = \"Standard\", pricingTier: Standard).",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_security_center_subscription_pricing\" \"containers\" {\n  tier          = \"Standard\"\n  resource_type = \"Containers\"\n}",
				"arm":       "{\n  \"type\": \"Microsoft.Security/pricings\",\n  \"name\": \"Containers\",\n  \"properties\": {\"pricingTier\": \"Standard\"}\n}",
			},
			Defaults: []string{"Only plans written in the scan are judged: a subscription's plans are not known otherwise",
				"The Containers plan and the retired ContainerRegistry plan are judged"},
			References: []string{"https://learn.microsoft.com/azure/defender-for-cloud/agentless-vulnerability-assessment-azure"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return acheck.Each(in.Azure.DefenderPlans, func(p *azure.DefenderPlan) *rule.Result {
				if !p.Plan.Known() || !p.Tier.Known() || !strings.EqualFold(p.Tier.Value, "Free") {
					return nil
				}
				if !strings.EqualFold(p.Plan.Value, "Containers") && !strings.EqualFold(p.Plan.Value, "ContainerRegistry") {
					return nil
				}
				return acheck.Ptr(rule.NewResult(p.Resource, p.Tier.Meta, p.Plan.Value,
					"%s puts Defender plan %s on the Free tier: container images are not scanned", p.Address, p.Plan.Value))
			})
		},
	})
}
