// Package threat builds threat models of ML platforms from the typed model
// a scan reads: a data-flow model (external entities, processes, data
// stores, the flows between them from the model's links, and the trust
// boundaries around them), and for each element the threats of a catalogue
// kept as data, each mitigated, open (naming the findings that leave it
// open) or unknown (saying what could not be known).
package threat

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/rule"
)

//go:embed catalogue.yaml
var catalogueYAML []byte

// STRIDE categories.
var STRIDE = []string{"spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"}

// Threat is one threat of the catalogue.
type Threat struct {
	ID          string        `yaml:"id" json:"id"`
	Title       string        `yaml:"title" json:"title"`
	STRIDE      string        `yaml:"stride" json:"stride"`
	Severity    rule.Severity `yaml:"severity" json:"severity"`
	ATLAS       []string      `yaml:"atlas" json:"atlas"`
	ATTACK      []string      `yaml:"attack" json:"attack"`
	AppliesTo   []string      `yaml:"applies_to" json:"applies_to"`
	Description string        `yaml:"description" json:"description"`
	Controls    []string      `yaml:"controls" json:"controls"`
}

// Catalogue is the threats threatmodel judges.
type Catalogue struct {
	Version int      `yaml:"version"`
	Threats []Threat `yaml:"threats"`
}

// exposureRules are the rules whose findings say that an element can be
// reached from the internet, or read or written by anyone: each puts a
// flow from the internet to the element, where attack paths start.
var exposureRules = []string{"AWS-SAGEMAKER-001", "AWS-SAGEMAKER-006", "AWS-SAGEMAKER-010", "AWS-SAGEMAKER-019", "AWS-SAGEMAKER-034",
	"AWS-S3-002", "AWS-S3-003", "AWS-S3-006", "AWS-ECR-004", "AWS-SAGEMAKER-033", "AWS-SECRETSMANAGER-002", "AWS-KMS-002", "AWS-IAM-006",
	"GCP-WORKBENCH-001", "GCP-VERTEX-001", "GCP-VERTEX-009", "GCP-VERTEX-010", "GCP-IAM-001",
	"AZURE-ML-001", "AZURE-ML-010", "AZURE-ML-011", "AZURE-ML-017", "AZURE-AI-001", "AZURE-STORAGE-001", "AZURE-STORAGE-005",
	"AZURE-KEYVAULT-002", "AZURE-ACR-002", "K8S-KSERVE-001", "K8S-NETWORK-001", "K8S-RAY-002"}

// Builtin returns the catalogue in the repository (internal/threat/catalogue.yaml).
func Builtin() (*Catalogue, error) { return ParseCatalogue(catalogueYAML) }

// ParseCatalogue reads a catalogue, refusing unknown keys, STRIDE categories
// and element classes, so that a mistyped entry is not silently ignored.
func ParseCatalogue(data []byte) (*Catalogue, error) {
	var c Catalogue
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("threat catalogue: %w", err)
	}
	seen := map[string]bool{}
	for _, t := range c.Threats {
		switch {
		case t.ID == "" || seen[t.ID]:
			return nil, fmt.Errorf("threat catalogue: threat %q: IDs must be present and unique", t.ID)
		case !slices.Contains(STRIDE, t.STRIDE):
			return nil, fmt.Errorf("threat catalogue: %s: STRIDE category %q is none of %v", t.ID, t.STRIDE, STRIDE)
		case t.Severity == 0:
			return nil, fmt.Errorf("threat catalogue: %s: no severity", t.ID)
		}
		for _, cl := range t.AppliesTo {
			if !slices.Contains(Classes, cl) {
				return nil, fmt.Errorf("threat catalogue: %s: element class %q is none of %v", t.ID, cl, Classes)
			}
		}
		seen[t.ID] = true
	}
	return &c, nil
}
