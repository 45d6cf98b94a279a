package policy

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/mlguard/mlguard/internal/rule"
)

// customID is the shape of a custom rule ID: upper-case words of letters
// and digits joined by dashes (CUSTOM-001, ORG-SAGEMAKER-001, PLATFORM).
var customID = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$`)

// customKeys are the custom METADATA fields a rule may carry; any other is
// refused, so that a misspelt key is not silently ignored.
var customKeys = map[string]bool{
	"id": true, "severity": true, "category": true, "remediation": true,
	"frameworks": true, "resource_types": true, "provider": true, "service": true,
}

// metadata turns a package annotation into the metadata every rule carries
// (the same schema as the built-in rules').
func metadata(a *ast.Annotations, pkg string) (rule.Metadata, error) {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	str := func(key string) string {
		v, ok := a.Custom[key]
		if !ok {
			return ""
		}
		s, ok := v.(string)
		if !ok {
			bad("custom.%s must be a string", key)
		}
		return strings.TrimSpace(s)
	}
	segments := strings.Split(strings.TrimPrefix(pkg, "data."), ".")
	md := rule.Metadata{
		ID:          str("id"),
		Slug:        strings.ReplaceAll(segments[len(segments)-1], "_", "-"),
		Title:       strings.TrimSpace(a.Title),
		Rationale:   strings.TrimSpace(a.Description),
		Remediation: str("remediation"),
		Provider:    str("provider"),
		Service:     str("service"),
	}
	for _, k := range sortedKeys(a.Custom) {
		if !customKeys[k] {
			bad("unknown custom field %q (known: %s)", k, strings.Join(sortedKeys(customKeys), ", "))
		}
	}
	if !customID.MatchString(md.ID) {
		bad("custom.id %q is not a rule ID (upper-case letters, digits and dashes, starting with a letter, like ORG-SAGEMAKER-001 or CUSTOM-1)", md.ID)
	}
	if md.Title == "" {
		bad("title is missing")
	}
	if md.Remediation == "" {
		md.Remediation = "The policy gives no remediation (custom.remediation in its METADATA); its description says what it requires."
	}
	if sev, err := rule.ParseSeverity(str("severity")); err != nil {
		bad("custom.severity: %v", err)
	} else {
		md.Severity = sev
	}
	md.Category = rule.Category(str("category"))
	if !validCategory(md.Category) {
		bad("custom.category %q is not one of %s", md.Category, categoryNames())
	}
	if md.Provider == "" {
		md.Provider = "aws"
	}
	var err error
	if md.Frameworks, err = frameworks(a.Custom["frameworks"]); err != nil {
		bad("custom.frameworks: %v", err)
	}
	if md.Resources, err = strings_(a.Custom["resource_types"]); err != nil {
		bad("custom.resource_types: %v", err)
	}
	for _, r := range a.RelatedResources {
		md.References = append(md.References, r.Ref.String())
	}
	if len(errs) > 0 {
		return md, fmt.Errorf("%s:%d: METADATA of package %s: %s", a.Location.File, a.Location.Row, strings.Join(segments, "."), strings.Join(errs, "; "))
	}
	return md, nil
}

func validCategory(c rule.Category) bool {
	for _, k := range rule.Categories {
		if k == c {
			return true
		}
	}
	return false
}

func categoryNames() string {
	names := make([]string, 0, len(rule.Categories))
	for _, c := range rule.Categories {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

// frameworks reads {framework: [control, ...]}.
func frameworks(v any) (map[string][]string, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("want a map of framework to a list of controls")
	}
	out := map[string][]string{}
	for k, controls := range m {
		list, err := strings_(controls)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		sort.Strings(list)
		out[k] = list
	}
	return out, nil
}

// strings_ reads a list of strings.
func strings_(v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New("want a list of strings")
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, errors.New("want a list of strings")
		}
		out = append(out, s)
	}
	return out, nil
}
