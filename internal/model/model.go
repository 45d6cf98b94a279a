// Package model holds the provenance types that every cloud model is built of.
//
// Each value in a cloud model records where it came from (Meta): the source
// range, the resource it belongs to, whether it was written explicitly or is
// the provider's default, and whether it is known at scan time. Rules must
// never report on an unknown value.
package model

import "github.com/mlguard/mlguard/internal/source"

// Resource identifies one resource instance in the scanned configuration.
type Resource struct {
	Address string       `json:"address"` // e.g. module.ml.aws_sagemaker_model.this[0]
	Type    string       `json:"type"`    // e.g. aws_sagemaker_model
	Range   source.Range `json:"range"`   // the whole resource
	Format  string       `json:"format"`  // the source format it was read from
	// Construct is the AWS CDK construct path of a synthesized resource
	// (Stack/Bucket), which names it as its author wrote it.
	Construct string `json:"construct,omitempty"`
	// Tags are the resource's tags known at scan time (mlguard access
	// reads tenants from them).
	Tags map[string]string `json:"tags,omitempty"`
}

// Meta is the provenance of one value.
type Meta struct {
	Range    source.Range `json:"range"`
	Explicit bool         `json:"explicit"` // written in the source, not a default
	Unknown  bool         `json:"unknown"`  // cannot be known before apply
}

// Known reports whether the value is known at scan time.
func (m Meta) Known() bool { return !m.Unknown }

// String is a string value with provenance.
type String struct {
	Meta
	Value string `json:"value"`
}

// Bool is a boolean value with provenance.
type Bool struct {
	Meta
	Value bool `json:"value"`
}

// Int is an integer value with provenance.
type Int struct {
	Meta
	Value int64 `json:"value"`
}

// Is reports whether the string is known and equal to v.
func (s String) Is(v string) bool { return s.Known() && s.Value == v }

// IsTrue reports whether the bool is known and true.
func (b Bool) IsTrue() bool { return b.Known() && b.Value }

// IsFalse reports whether the bool is known and false.
func (b Bool) IsFalse() bool { return b.Known() && !b.Value }

// Ref is an attribute that points at something: a literal identifier (an ARN,
// a subnet ID), links to resources of the same scan it was derived from, or
// both. A reference to a computed attribute (aws_kms_key.k.arn) has an
// unknown Value but a known link, so a rule can tell that a key is set.
type Ref struct {
	Meta
	Value   string   `json:"value,omitempty"`
	Targets []string `json:"targets,omitempty"` // addresses of linked resources
}

// IsSet reports whether the reference is known to point at something. It is
// false both when the attribute is absent and when it is unknown; use Known to
// tell those apart.
func (r Ref) IsSet() bool { return r.Value != "" || len(r.Targets) > 0 }

// Absent reports whether the attribute is known to be empty: not set and not
// unknown, and so safe to report as missing.
func (r Ref) Absent() bool { return r.Known() && !r.IsSet() }

// Refs is a list of references, for attributes that hold several.
type Refs struct {
	Meta
	Items []Ref `json:"items,omitempty"`
}

// Absent reports whether the list is known to be empty.
func (r Refs) Absent() bool { return r.Known() && len(r.Items) == 0 }

// Targets returns the linked resource addresses of all items.
func (r Refs) Targets() []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.Targets...)
	}
	return out
}

// StringMap is a map attribute (environment variables, tags).
type StringMap struct {
	Meta
	Values map[string]String `json:"values,omitempty"`
}

// LinksTo reports whether the reference links to the resource at addr, either
// by its exact address or through a link to all instances of its resource
// (aws_subnet.a links to aws_subnet.a[0]).
func (r Ref) LinksTo(addr string) bool {
	for _, t := range r.Targets {
		if t == addr || len(addr) > len(t) && addr[:len(t)] == t && addr[len(t)] == '[' {
			return true
		}
	}
	return false
}
