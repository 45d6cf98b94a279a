package guardrail

// OrgPolicy is one Google Cloud organization policy, in the shape the Org
// Policy API v2 and `gcloud org-policies set-policy` take.
type OrgPolicy struct {
	Name string        `json:"name" yaml:"name"`
	Spec OrgPolicySpec `json:"spec" yaml:"spec"`
	// Guardrail is the guardrail it comes from (not part of the API shape;
	// dropped by WriteFiles).
	Guardrail string `json:"-" yaml:"-"`
}

// OrgPolicySpec holds a policy's rules.
type OrgPolicySpec struct {
	Rules []OrgPolicyRule `json:"rules" yaml:"rules"`
}

// OrgPolicyRule enforces a boolean constraint or lists values.
type OrgPolicyRule struct {
	Enforce *bool         `json:"enforce,omitempty" yaml:"enforce,omitempty"`
	Values  *PolicyValues `json:"values,omitempty" yaml:"values,omitempty"`
}

// PolicyValues are a list constraint's allowed or denied values.
type PolicyValues struct {
	AllowedValues []string `json:"allowedValues,omitempty" yaml:"allowedValues,omitempty"`
	DeniedValues  []string `json:"deniedValues,omitempty" yaml:"deniedValues,omitempty"`
}

// OrgPolicySet is what the Google Cloud target compiles to.
type OrgPolicySet struct {
	Policies []OrgPolicy `json:"policies"`
	Warnings []string    `json:"warnings,omitempty"`
}

// CompileOrgPolicies compiles the guardrails into organization policies
// under the spec's gcp.parent.
func CompileOrgPolicies(s *Spec) *OrgPolicySet {
	g := s.Guardrails
	set := &OrgPolicySet{}
	enforce := func(guardrail, constraint string) {
		on := true
		set.Policies = append(set.Policies, OrgPolicy{Guardrail: guardrail, Name: s.GCP.Parent + "/policies/" + constraint,
			Spec: OrgPolicySpec{Rules: []OrgPolicyRule{{Enforce: &on}}}})
	}
	list := func(guardrail, constraint string, v PolicyValues) {
		set.Policies = append(set.Policies, OrgPolicy{Guardrail: guardrail, Name: s.GCP.Parent + "/policies/" + constraint,
			Spec: OrgPolicySpec{Rules: []OrgPolicyRule{{Values: &v}}}})
	}
	warn := func(guardrail, why string) { set.Warnings = append(set.Warnings, guardrail+": "+why) }
	if g.NotebookNoDirectInternet != nil {
		enforce(NotebookNoDirectInternet, "ainotebooks.restrictPublicIp")
	}
	if g.NotebookNoRoot != nil {
		enforce(NotebookNoRoot, "ainotebooks.disableRootAccess")
	}
	if g.NotebookNoFileDownloads != nil {
		enforce(NotebookNoFileDownloads, "ainotebooks.disableFileDownloads")
	}
	if g.NotebookIMDSv2 != nil {
		warn(NotebookIMDSv2, "an AWS instance metadata setting; nothing to compile for Google Cloud")
	}
	if v := g.VPCOnly; v != nil {
		if len(v.GCPNetworks) == 0 {
			warn(VPCOnly, "no gcp_networks listed; constraints/ainotebooks.restrictVpcNetworks not set")
		} else {
			list(VPCOnly, "ainotebooks.restrictVpcNetworks", PolicyValues{AllowedValues: v.GCPNetworks})
		}
	}
	if g.EncryptionAtRest != nil {
		// restrictNonCmekServices lists the services whose new resources
		// must carry a customer-managed key.
		list(EncryptionAtRest, "gcp.restrictNonCmekServices", PolicyValues{DeniedValues: []string{"aiplatform.googleapis.com", "notebooks.googleapis.com"}})
	}
	if g.NetworkIsolation != nil {
		warn(NetworkIsolation, "a SageMaker job setting; nothing to compile for Google Cloud")
	}
	if g.InterContainerEncryption != nil {
		warn(InterContainerEncryption, "a SageMaker job setting; nothing to compile for Google Cloud")
	}
	if k := g.ApprovedKMSKeys; k != nil {
		if len(k.GCPProjects) == 0 {
			warn(ApprovedKMSKeys, "no gcp_projects listed; constraints/gcp.restrictCmekCryptoKeyProjects not set")
		} else {
			list(ApprovedKMSKeys, "gcp.restrictCmekCryptoKeyProjects", PolicyValues{AllowedValues: k.GCPProjects})
		}
	}
	if r := g.ApprovedRegions; r != nil {
		if len(r.GCP) == 0 {
			warn(ApprovedRegions, "no gcp locations listed; constraints/gcp.resourceLocations not set")
		} else {
			list(ApprovedRegions, "gcp.resourceLocations", PolicyValues{AllowedValues: r.GCP})
		}
	}
	return set
}
