package guardrail

// PolicyDefinition is one Azure Policy definition, in the shape
// `az policy definition create --rules --params` and ARM's
// Microsoft.Authorization/policyDefinitions take under "properties".
type PolicyDefinition struct {
	Name       string                   `json:"name"`
	Properties PolicyDefinitionProperty `json:"properties"`
	Guardrail  string                   `json:"-"`
}

// PolicyDefinitionProperty is a definition's body.
type PolicyDefinitionProperty struct {
	DisplayName string         `json:"displayName"`
	Description string         `json:"description"`
	Mode        string         `json:"mode"`
	Metadata    map[string]any `json:"metadata"`
	Parameters  map[string]any `json:"parameters"`
	PolicyRule  map[string]any `json:"policyRule"`
}

// AzurePolicySet is what the Azure target compiles to.
type AzurePolicySet struct {
	Definitions []PolicyDefinition `json:"definitions"`
	Warnings    []string           `json:"warnings,omitempty"`
}

const (
	mlWorkspace = "Microsoft.MachineLearningServices/workspaces"
	mlCompute   = "Microsoft.MachineLearningServices/workspaces/computes"
)

// CompileAzurePolicies compiles the guardrails into Azure Policy
// definitions with a Deny default effect (Audit and Disabled allowed).
func CompileAzurePolicies(s *Spec) *AzurePolicySet {
	g := s.Guardrails
	set := &AzurePolicySet{}
	def := func(guardrail, name, title, desc string, cond ...map[string]any) {
		set.Definitions = append(set.Definitions, PolicyDefinition{Guardrail: guardrail, Name: name, Properties: PolicyDefinitionProperty{
			DisplayName: title, Description: desc, Mode: "All",
			Metadata: map[string]any{"category": "Machine Learning", "version": "1.0.0", "source": "mlguard " + guardrail},
			Parameters: map[string]any{"effect": map[string]any{
				"type": "String", "defaultValue": "Deny", "allowedValues": []string{"Deny", "Audit", "Disabled"},
				"metadata": map[string]any{"displayName": "Effect"}}},
			PolicyRule: map[string]any{"if": map[string]any{"allOf": cond}, "then": map[string]any{"effect": "[parameters('effect')]"}},
		}})
	}
	typeIs := func(t string) map[string]any { return map[string]any{"field": "type", "equals": t} }
	field := func(f, op string, v any) map[string]any { return map[string]any{"field": f, op: v} }
	computes := field(mlCompute+"/computeType", "in", []string{"ComputeInstance", "AmlCompute"})
	warn := func(guardrail, why string) { set.Warnings = append(set.Warnings, guardrail+": "+why) }

	if g.NotebookNoDirectInternet != nil {
		// A node public IP is on unless turned off, so a missing value counts.
		def(NotebookNoDirectInternet, "mlguard-ml-compute-no-public-ip", "Azure Machine Learning computes should not have public IPs",
			"Compute instances and clusters get a public IP unless enableNodePublicIp is false.",
			typeIs(mlCompute), computes, field(mlCompute+"/enableNodePublicIP", "notEquals", false))
	}
	if g.NotebookNoRoot != nil {
		def(NotebookNoRoot, "mlguard-ml-compute-no-local-auth", "Azure Machine Learning computes should have local authentication disabled",
			"Local authentication lets local (SSH) accounts in; computes allow it unless disableLocalAuth is true.",
			typeIs(mlCompute), field(mlCompute+"/disableLocalAuth", "notEquals", true))
	}
	if g.VPCOnly != nil {
		def(VPCOnly, "mlguard-ml-workspace-no-public-network", "Azure Machine Learning workspaces should disable public network access",
			"Workspaces are reachable from the internet unless publicNetworkAccess is Disabled.",
			typeIs(mlWorkspace), field(mlWorkspace+"/publicNetworkAccess", "notEquals", "Disabled"))
	}
	if g.EncryptionAtRest != nil {
		def(EncryptionAtRest, "mlguard-ml-workspace-cmk", "Azure Machine Learning workspaces should be encrypted with a customer-managed key",
			"Without a customer-managed key, workspace metadata and data are encrypted with Microsoft-managed keys.",
			typeIs(mlWorkspace), field(mlWorkspace+"/encryption.status", "notEquals", "Enabled"))
	}
	if r := g.ApprovedRegions; r != nil {
		if len(r.Azure) == 0 {
			warn(ApprovedRegions, "no azure locations listed; no location definition")
		} else {
			def(ApprovedRegions, "mlguard-ml-allowed-locations", "Azure Machine Learning resources only in approved locations",
				"Workspaces and their computes may be created only in the listed locations.",
				map[string]any{"field": "type", "like": mlWorkspace + "*"}, field("location", "notIn", r.Azure))
		}
	}
	for _, id := range []struct {
		on   bool
		name string
	}{{g.NotebookNoFileDownloads != nil, NotebookNoFileDownloads}, {g.NotebookIMDSv2 != nil, NotebookIMDSv2},
		{g.NetworkIsolation != nil, NetworkIsolation}, {g.InterContainerEncryption != nil, InterContainerEncryption},
		{g.ApprovedKMSKeys != nil, ApprovedKMSKeys}} {
		if id.on {
			warn(id.name, "no Azure Machine Learning policy alias expresses it; nothing compiled for Azure")
		}
	}
	return set
}
