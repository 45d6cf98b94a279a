// Package rule defines the rule contract: metadata, the check function, the
// registry, severities, categories and the results a check returns.
package rule

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/source"
)

// Severity ranks how bad a finding is.
type Severity int

// Severities, lowest first.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = map[Severity]string{Low: "LOW", Medium: "MEDIUM", High: "HIGH", Critical: "CRITICAL"}

// String returns the upper-case name.
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText encodes the severity by name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a severity name, in any case.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads a severity name in any case.
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames {
		if strings.EqualFold(n, name) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want LOW, MEDIUM, HIGH or CRITICAL)", name)
}

// Category groups rules by the kind of control they check.
type Category string

// The categories; every rule has exactly one.
const (
	Identity            Category = "identity"
	Network             Category = "network"
	EncryptionAtRest    Category = "encryption-at-rest"
	EncryptionInTransit Category = "encryption-in-transit"
	Secrets             Category = "secrets"
	SupplyChain         Category = "supply-chain"
	Logging             Category = "logging"
	DataProtection      Category = "data-protection"
	Isolation           Category = "isolation"
)

// Categories lists every valid category.
var Categories = []Category{Identity, Network, EncryptionAtRest, EncryptionInTransit, Secrets, SupplyChain, Logging, DataProtection, Isolation}

// Framework names used as keys of Metadata.Frameworks.
const (
	NIST80053 = "nist-800-53"
	NISTCSF   = "nist-csf"
	ISO27001  = "iso27001"
	SOC2      = "soc2"
	AWSFSBP   = "aws-fsbp"
)

// Metadata describes a rule to people and tools. All of it is published in
// docs/rules, in SARIF rule descriptors and by `mlguard rules show`.
type Metadata struct {
	ID          string              `json:"id"`    // stable, never reused: AWS-SAGEMAKER-001
	Slug        string              `json:"slug"`  // short kebab-case name
	Title       string              `json:"title"` // one line, says what is wrong
	Severity    Severity            `json:"severity"`
	Category    Category            `json:"category"`
	Provider    string              `json:"provider"` // aws, gcp, azure, kubernetes
	Service     string              `json:"service"`  // sagemaker, iam, ...
	Resources   []string            `json:"resource_types"`
	Frameworks  map[string][]string `json:"frameworks"`
	Rationale   string              `json:"rationale"`   // why it matters
	Remediation string              `json:"remediation"` // what to change
	Fixes       map[string]string   `json:"fixes"`       // format -> corrected snippet
	Defaults    []string            `json:"defaults"`    // provider defaults of the attributes it reads
	References  []string            `json:"references"`
	// Command names the mlguard command that runs the rule, when it is not
	// scan ("iam analyze").
	Command string `json:"command,omitempty"`
	// CrossObject marks a rule that judges a resource by others of the scan
	// (a namespace's NetworkPolicies, a pod's ServiceAccount). Admission
	// control sees one object at a time and does not run it.
	CrossObject bool `json:"cross_object,omitempty"`
	// Classified marks a rule that judges only storage a data
	// classification names (scan --data-classification,
	// data_classification in .mlguard.yaml): without one it does not run,
	// rather than pass having checked nothing.
	Classified bool `json:"needs_data_classification,omitempty"`
}

// Input is what a check reads: the typed models of every cloud. Every model
// is non-nil (empty when the unit holds nothing of that cloud).
type Input struct {
	AWS        *aws.Model        `json:"aws"`
	GCP        *gcp.Model        `json:"gcp"`
	Azure      *azure.Model      `json:"azure"`
	Kubernetes *kubernetes.Model `json:"kubernetes"`
	// Images are the container image builds (Dockerfiles).
	Images *image.Model `json:"images"`
	// Data says which storage holds personal data (scan
	// --data-classification, data_classification in .mlguard.yaml); nil
	// when nothing is classified.
	Data *dataclass.Map `json:"-"`

	mu   sync.Mutex
	memo map[any]any
}

// Fill gives every model the input lacks an empty one, so that rules can
// read any cloud's model, and returns the input.
func (in *Input) Fill() *Input {
	if in.AWS == nil {
		in.AWS = &aws.Model{}
	}
	if in.Kubernetes == nil {
		in.Kubernetes = &kubernetes.Model{}
	}
	if in.GCP == nil {
		in.GCP = &gcp.Model{}
	}
	if in.Azure == nil {
		in.Azure = &azure.Model{}
	}
	if in.Images == nil {
		in.Images = &image.Model{}
	}
	return in
}

// Models returns the models of the input (the clouds and the image builds), for walks over all of them.
func (in *Input) Models() []any { return []any{in.AWS, in.GCP, in.Azure, in.Kubernetes, in.Images} }

// Memo returns the value derived from the input under key, building it on
// first use. Rules that share a costly view of the input (the Rego input
// document) build it once per input instead of once per rule.
func (in *Input) Memo(key any, build func() any) any {
	in.mu.Lock()
	defer in.mu.Unlock()
	if v, ok := in.memo[key]; ok {
		return v
	}
	if in.memo == nil {
		in.memo = map[any]any{}
	}
	v := build()
	in.memo[key] = v
	return v
}

// Result is one violation a check found.
type Result struct {
	Resource model.Resource
	Range    source.Range // the offending attribute, or the resource when it is missing
	Message  string       // what is wrong, specific to this resource
	Value    string       // the offending value, part of the fingerprint
}

// Rule is a registered check.
type Rule struct {
	Metadata
	Check func(in *Input) []Result
	// Eval, when set, is used instead of Check by rules that can fail at run
	// time (custom Rego policies): the context ends a long evaluation, and an
	// error is reported as the rule failing on that input.
	Eval func(ctx context.Context, in *Input) ([]Result, error)
}

// Run runs the rule on one input.
func (r *Rule) Run(ctx context.Context, in *Input) ([]Result, error) {
	if r.Eval != nil {
		return r.Eval(ctx, in)
	}
	return r.Check(in), nil
}

// NewResult builds a result on an attribute's range, falling back to the
// resource's range when the attribute was not written (a provider default).
func NewResult(res model.Resource, m model.Meta, value, format string, args ...any) Result {
	r := m.Range
	if !m.Explicit || r.StartLine == 0 {
		r = res.Range
	}
	return Result{Resource: res, Range: r, Value: value, Message: fmt.Sprintf(format, args...)}
}

var (
	mu       sync.RWMutex
	registry = map[string]*Rule{}
)

var idPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+-[0-9]{3}$`)

// Register adds a rule to the registry. It panics on a malformed or duplicate
// ID, which is a programming error caught by the registry test.
func Register(r *Rule) {
	mu.Lock()
	defer mu.Unlock()
	if !idPattern.MatchString(r.ID) {
		panic("rule: malformed ID " + r.ID)
	}
	if _, dup := registry[r.ID]; dup {
		panic("rule: duplicate ID " + r.ID)
	}
	registry[r.ID] = r
}

// All returns every registered rule, sorted by ID.
func All() []*Rule {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Get returns the rule with the given ID, in any case.
func Get(id string) (*Rule, bool) {
	mu.RLock()
	defer mu.RUnlock()
	r, ok := registry[strings.ToUpper(id)]
	return r, ok
}

// OnResource builds a result on the resource itself, for settings that are
// missing altogether.
func OnResource(res model.Resource, value, format string, args ...any) Result {
	return Result{Resource: res, Range: res.Range, Value: value, Message: fmt.Sprintf(format, args...)}
}

// Finding is a result with its rule's metadata, ready for reports.
type Finding struct {
	RuleID       string              `json:"rule_id"`
	Title        string              `json:"title"`
	Severity     Severity            `json:"severity"`
	Category     Category            `json:"category"`
	Resource     string              `json:"resource"`
	ResourceType string              `json:"resource_type"`
	Format       string              `json:"source_format"`
	Construct    string              `json:"construct_path,omitempty"` // the CDK construct of a synthesized resource
	File         string              `json:"file"`
	StartLine    int                 `json:"start_line"`
	EndLine      int                 `json:"end_line"`
	Message      string              `json:"message"`
	Remediation  string              `json:"remediation"`
	Frameworks   map[string][]string `json:"frameworks"`
	Fingerprint  string              `json:"fingerprint"`
	Suppression  *Suppression        `json:"suppression,omitempty"`
	// Rendered is set when the resource was rendered from a Helm chart or
	// built by Kustomize: the file and lines are the template's or the
	// base's, and this says what produced the output.
	Rendered *Rendering `json:"rendered,omitempty"`
	Rule     *Rule      `json:"-"`
}

// Rendering names what rendered a resource: a Helm chart (with the values
// that the finding's template line reads) or a kustomization.
type Rendering struct {
	Tool   string   `json:"tool"` // helm or kustomize
	Root   string   `json:"root"` // the chart or kustomization directory
	Values []string `json:"values,omitempty"`
}

// Suppression records why a finding is not counted.
type Suppression struct {
	Kind    string `json:"kind"` // inline, config or baseline
	Reason  string `json:"reason,omitempty"`
	Expires string `json:"expires,omitempty"`
}
