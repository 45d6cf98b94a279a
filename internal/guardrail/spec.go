// Package guardrail turns one set of ML guardrails into preventive controls:
// AWS service control policies, Google Cloud organization policies and Azure
// Policy definitions, and replays CloudTrail against SCPs to show what they
// would have blocked and what would still pass.
package guardrail

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/source"
)

//go:embed default.yaml
var defaultSpec []byte

// Spec is a set of guardrails.
type Spec struct {
	Version int `yaml:"version"`
	// ExemptPrincipals are ARN patterns of principals the AWS guardrails do
	// not bind.
	ExemptPrincipals []string   `yaml:"exempt_principals"`
	Guardrails       Guardrails `yaml:"guardrails"`
	GCP              struct {
		Parent string `yaml:"parent"`
	} `yaml:"gcp"`
}

// Guardrails holds each guardrail; nil is off.
type Guardrails struct {
	NotebookNoDirectInternet *struct{} `yaml:"notebook-no-direct-internet"`
	NotebookNoRoot           *struct{} `yaml:"notebook-no-root"`
	NotebookNoFileDownloads  *struct{} `yaml:"notebook-no-file-downloads"`
	NotebookIMDSv2           *struct{} `yaml:"notebook-imdsv2"`
	VPCOnly                  *struct {
		GCPNetworks []string `yaml:"gcp_networks"`
	} `yaml:"vpc-only"`
	EncryptionAtRest         *struct{} `yaml:"encryption-at-rest"`
	NetworkIsolation         *struct{} `yaml:"network-isolation"`
	InterContainerEncryption *struct{} `yaml:"inter-container-encryption"`
	ApprovedKMSKeys          *struct {
		AWS         []string `yaml:"aws"`
		GCPProjects []string `yaml:"gcp_projects"`
	} `yaml:"approved-kms-keys"`
	ApprovedRegions *struct {
		AWS   []string `yaml:"aws"`
		GCP   []string `yaml:"gcp"`
		Azure []string `yaml:"azure"`
	} `yaml:"approved-regions"`
}

// Guardrail IDs, as the spec names them.
const (
	NotebookNoDirectInternet = "notebook-no-direct-internet"
	NotebookNoRoot           = "notebook-no-root"
	NotebookNoFileDownloads  = "notebook-no-file-downloads"
	NotebookIMDSv2           = "notebook-imdsv2"
	VPCOnly                  = "vpc-only"
	EncryptionAtRest         = "encryption-at-rest"
	NetworkIsolation         = "network-isolation"
	InterContainerEncryption = "inter-container-encryption"
	ApprovedKMSKeys          = "approved-kms-keys"
	ApprovedRegions          = "approved-regions"
)

// Default returns mlguard's default guardrails for ML platforms.
func Default() *Spec {
	s, err := Parse("default.yaml", defaultSpec)
	if err != nil {
		panic("guardrail: the default spec does not parse: " + err.Error())
	}
	return s
}

// DefaultYAML is the default spec as a file to start from.
func DefaultYAML() []byte { return bytes.Clone(defaultSpec) }

// Parse reads a spec. Unknown fields are refused, so that a misspelt
// guardrail is not silently off.
func Parse(name string, data []byte) (*Spec, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	s := &Spec{}
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("%s: %s", name, source.DecodeError(data, err))
	}
	if s.Version != 1 {
		return nil, fmt.Errorf("%s: version %d is not supported (want 1)", name, s.Version)
	}
	var errs []error
	for _, p := range s.ExemptPrincipals {
		if len(p) < 13 || p[:13] != "arn:aws:iam::" {
			errs = append(errs, fmt.Errorf("%s: exempt_principals: %q is not an IAM ARN pattern", name, p))
		}
	}
	if s.GCP.Parent == "" {
		s.GCP.Parent = "organizations/ORGANIZATION_ID"
	}
	return s, errors.Join(errs...)
}
