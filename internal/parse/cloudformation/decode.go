package cloudformation

import (
	"strings"

	"github.com/mlguard/mlguard/internal/parse/node"
)

// MaxDepth bounds the nesting of template values and of intrinsic functions.
const MaxDepth = node.MaxDepth

// shortForm maps a YAML short-form intrinsic tag to its long name.
func shortForm(tag string) string {
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") {
		return ""
	}
	switch name := tag[1:]; name {
	case "Ref", "Condition":
		return name
	default:
		return "Fn::" + name
	}
}
