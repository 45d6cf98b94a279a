// Package cloudformation reads AWS CloudFormation templates (YAML or JSON)
// into resource documents: each resource with its evaluated properties, the
// source lines of every value, and the resources each value was derived from.
//
// Intrinsic functions are evaluated where the template alone decides their
// value (Ref to a parameter with a default, Fn::Sub, Fn::Join, Fn::If on a
// known condition, Fn::FindInMap, ...). Everything else (resource attributes,
// imports, pseudo parameters such as AWS::AccountId) is unknown; a Ref or
// Fn::GetAtt to another resource of the template is a link.
package cloudformation

import (
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name recorded on documents.
const Format = "cloudformation"

// Kind is the type of a Value.
type Kind = node.Kind

// Value kinds. Unknown values are known to exist but not what they hold.
const (
	Null    = node.Null
	String  = node.String
	Number  = node.Number
	Bool    = node.Bool
	List    = node.List
	Map     = node.Map
	Unknown = node.Unknown
)

// Value is one evaluated node of a template.
type Value = node.Value

// unknown is an unknown value at r derived from refs.
func unknown(r source.Range, refs ...string) *Value { return node.NewUnknown(r, refs...) }

func isNumberText(s string) bool { return node.IsNumberText(s) }
