// Package blueprint reads mlguard's secure ML platform blueprints (the
// modules under blueprints/, embedded in the binary): what each builds, its
// inputs and controls, the policies generated into it from mlguard iam scope
// and mlguard guardrails compile, and writing a root module that uses one.
package blueprint

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/blueprints"
	"github.com/mlguard/mlguard/internal/iam/scope"
)

// Manifest is the name of the file that describes a blueprint.
const Manifest = "blueprint.yaml"

// Blueprint is one blueprint, as its blueprint.yaml describes it.
type Blueprint struct {
	// Name is the blueprint's path under blueprints/: aws/secure-notebook.
	Name    string   `yaml:"name"`
	Title   string   `yaml:"title"`
	Cloud   string   `yaml:"cloud"`
	Summary string   `yaml:"summary"`
	Builds  []string `yaml:"builds"`
	// Notes are what a user must know beyond the controls (what the
	// blueprint leaves to them, what an option costs).
	Notes []string `yaml:"notes"`
	// CloudFormation is the template with the same controls, when there is
	// one, and the parameters its example is scanned with.
	CloudFormation *Template `yaml:"cloudformation"`
	// Policies are the IAM policies generated from mlguard iam scope, and
	// Placeholders map their stand-in ARNs back to the module's variables
	// and the template's parameters; each must be used by some policy.
	Policies     []Policy      `yaml:"policies"`
	Placeholders []Placeholder `yaml:"placeholders"`
	// SCPs, when set, are generated from mlguard guardrails compile.
	SCPs *SCPs `yaml:"scps"`
	// Controls say which threat each control addresses, the rules it
	// satisfies, and how to take it out of a copy (the tests do, and
	// require the rules to fire).
	Controls []Control `yaml:"controls"`
	// Validations are insecure inputs the module refuses, with the message.
	Validations []Validation `yaml:"validations"`

	// Inputs and Outputs are read from the module's Terraform.
	Inputs  []Input  `yaml:"-"`
	Outputs []Output `yaml:"-"`
}

// Template is a blueprint's CloudFormation form.
type Template struct {
	File string `yaml:"file"`
	// Parameters are the example's values, as scan --cfn-param takes them.
	Parameters map[string]string `yaml:"parameters"`
}

// Policy is an IAM policy generated into the blueprint from mlguard iam
// scope with stand-in ARNs.
type Policy struct {
	// Name is the aws_iam_policy_document's name, and the CloudFormation
	// marker: "# BEGIN mlguard iam scope NAME".
	Name string `yaml:"name"`
	File string `yaml:"file"`
	// Scope holds the arguments of mlguard iam scope, with stand-in ARNs.
	Scope scope.Options `yaml:"scope"`
}

// Placeholder maps a stand-in value of the generated policy back to the
// blueprint's input. Each makes the Terraform expression a list whose
// every element takes the stand-in's place (a for expression).
type Placeholder struct {
	Value          string `yaml:"value"`
	Terraform      string `yaml:"terraform"`
	Each           bool   `yaml:"each"`
	CloudFormation string `yaml:"cloudformation"`
}

// SCPs are the guardrail SCPs generated into the blueprint: the default
// spec, with the region allow-list and the approved keys from the module's
// variables. The SCPs are packed with stand-ins as long as the longest
// lists the variables' validations allow, so that no SCP can outgrow the
// size limit once Terraform fills the lists in.
type SCPs struct {
	File string `yaml:"file"`
	// Regions and KMSKeys are the Terraform expressions of the lists.
	Regions string `yaml:"regions"`
	KMSKeys string `yaml:"kms_keys"`
	// MaxRegions and MaxKMSKeys are the most the validations allow.
	MaxRegions int `yaml:"max_regions"`
	MaxKMSKeys int `yaml:"max_kms_keys"`
}

// The longest values a region list and a key list hold: ap-southeast-7,
// and a multi-Region key ARN in the GovCloud partition.
const (
	longestRegion = len("ap-southeast-7")
	longestKey    = len("arn:aws-us-gov:kms:ap-southeast-7:111122223333:key/mrk-0123456789abcdef0123456789abcdef")
)

// standIn is one string whose JSON list is as long as that of n strings of
// length l: n*(l+3)+1 characters.
func standIn(tag string, n, l int) string {
	return tag + strings.Repeat("X", max(0, n*(l+3)-3-len(tag)))
}

// StandIns are the region and key stand-ins the SCPs are packed with.
func (s *SCPs) StandIns() (region, key string) {
	return standIn("APPROVED-REGION-", s.MaxRegions, longestRegion),
		standIn("arn:aws:kms:*:111122223333:key/APPROVED-KEY-", s.MaxKMSKeys, longestKey)
}

// Control is one control of a blueprint.
type Control struct {
	Threat  string   `yaml:"threat"`
	Control string   `yaml:"control"`
	Rules   []string `yaml:"rules"`
	// Remove takes the control out of the Terraform; RemoveCFN out of the
	// CloudFormation template. Each edit must match exactly once.
	Remove    []Edit `yaml:"remove"`
	RemoveCFN []Edit `yaml:"remove_cloudformation"`
}

// Edit replaces text in one file of a copy of the blueprint.
type Edit struct {
	File string `yaml:"file"`
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// Validation is an insecure input the module refuses (Variable set), the
// template refuses (Parameter set), or both.
type Validation struct {
	Variable string `yaml:"variable"`
	// Value is an HCL expression.
	Value   string `yaml:"value"`
	Message string `yaml:"message"`
	// Parameter and ParameterValue are the same input to the CloudFormation
	// template, which its AllowedPattern refuses.
	Parameter      string `yaml:"parameter"`
	ParameterValue string `yaml:"parameter_value"`
}

// Input is a variable of the module.
type Input struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Default     string `json:"default,omitempty"`
	Required    bool   `json:"required"`
	// Validated says the module refuses values that would weaken a control.
	Validated bool `json:"validated"`
}

// Output is an output of the module.
type Output struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// FS is the embedded blueprints.
func FS() fs.FS { return blueprints.FS }

// List reads every blueprint of fsys (blueprints.FS, or os.DirFS of the
// source tree), sorted by name.
func List(fsys fs.FS) ([]*Blueprint, error) {
	var out []*Blueprint
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "example") {
			return fs.SkipDir
		}
		if d.IsDir() || d.Name() != Manifest {
			return nil
		}
		b, err := read(fsys, path.Dir(p))
		if err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Find returns the blueprint of that name (aws/secure-notebook, or only
// secure-notebook when that is unique).
func Find(fsys fs.FS, name string) (*Blueprint, error) {
	all, err := List(fsys)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, b := range all {
		if b.Name == name || path.Base(b.Name) == name {
			return b, nil
		}
		names = append(names, b.Name)
	}
	return nil, fmt.Errorf("no blueprint %q (there are %s)", name, strings.Join(names, ", "))
}

func read(fsys fs.FS, dir string) (*Blueprint, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, Manifest))
	if err != nil {
		return nil, err
	}
	var b Blueprint
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(dir, Manifest), err)
	}
	if b.Name != dir {
		return nil, fmt.Errorf("%s: name %q, want its directory %q", path.Join(dir, Manifest), b.Name, dir)
	}
	if b.Inputs, b.Outputs, err = interfaceOf(fsys, dir); err != nil {
		return nil, err
	}
	return &b, nil
}
