// Package iam holds the AWS IAM policy language: documents in every legal
// shape, and matching of actions and resources the way AWS matches them.
package iam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/unknown"
)

// Policy is a parsed policy document.
type Policy struct {
	Version    string      `json:"Version,omitempty"`
	ID         string      `json:"Id,omitempty"`
	Statements []Statement `json:"Statement"`
	// known is set by Parse when no part of any statement is unknown, so
	// that evaluation need not look again; a policy built otherwise is
	// looked at each time.
	known bool
}

// Statement is one policy statement.
type Statement struct {
	Sid          string                       `json:"Sid,omitempty"`
	Effect       string                       `json:"Effect"`
	Principal    *Principal                   `json:"Principal,omitempty"`
	NotPrincipal *Principal                   `json:"NotPrincipal,omitempty"`
	Action       Values                       `json:"Action,omitempty"`
	NotAction    Values                       `json:"NotAction,omitempty"`
	Resource     Values                       `json:"Resource,omitempty"`
	NotResource  Values                       `json:"NotResource,omitempty"`
	Condition    map[string]map[string]Values `json:"Condition,omitempty"`
}

// Values is a string or a list of strings.
type Values []string

// UnmarshalJSON accepts a single string or a list.
func (v *Values) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var list []any
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		out := make(Values, 0, len(list))
		for _, e := range list {
			out = append(out, scalar(e))
		}
		*v = out
		return nil
	}
	var one any
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*v = Values{scalar(one)}
	return nil
}

// scalar renders condition values that may be booleans or numbers as strings.
func scalar(e any) string {
	switch e := e.(type) {
	case string:
		return e
	case nil:
		return ""
	default:
		return fmt.Sprint(e)
	}
}

// Principal is "*" or a map of principal types to identifiers.
type Principal struct {
	All bool
	IDs map[string]Values // AWS, Service, Federated, CanonicalUser
}

// UnmarshalJSON accepts "*" or {"AWS": ..., "Service": ...}.
func (p *Principal) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		p.All = s == "*"
		if !p.All {
			return fmt.Errorf("invalid principal %q", s)
		}
		return nil
	}
	return json.Unmarshal(b, &p.IDs)
}

// MarshalJSON writes the principal back in its shortest form.
func (p Principal) MarshalJSON() ([]byte, error) {
	if p.All {
		return []byte(`"*"`), nil
	}
	return json.Marshal(p.IDs)
}

// Services lists the service principals.
func (p *Principal) Services() []string {
	if p == nil {
		return nil
	}
	return p.IDs["Service"]
}

// Parse reads a policy document. The Statement may be one object or a list.
func Parse(data []byte) (*Policy, error) {
	var raw struct {
		Version   string          `json:"Version"`
		ID        string          `json:"Id"`
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse policy: %w", err)
	}
	p := &Policy{Version: raw.Version, ID: raw.ID}
	st := bytes.TrimSpace(raw.Statement)
	switch {
	case len(st) == 0 || string(st) == "null":
	case st[0] == '[':
		if err := json.Unmarshal(st, &p.Statements); err != nil {
			return nil, fmt.Errorf("parse policy statements: %w", err)
		}
	default:
		var one Statement
		if err := json.Unmarshal(st, &one); err != nil {
			return nil, fmt.Errorf("parse policy statement: %w", err)
		}
		p.Statements = []Statement{one}
	}
	p.known = true
	for k := range p.Statements {
		p.known = p.known && !p.Statements[k].HasUnknown() && !p.Statements[k].principalUnknown()
	}
	return p, nil
}

// Allows reports whether the statement is an unconditional Allow.
func (s *Statement) Allows() bool {
	return strings.EqualFold(s.Effect, "Allow") && len(s.Condition) == 0
}

// HasUnknown reports whether an action or resource of the statement is unknown.
func (s *Statement) HasUnknown() bool {
	for _, vs := range []Values{s.Action, s.NotAction, s.Resource, s.NotResource} {
		for _, v := range vs {
			if unknown.In(v) {
				return true
			}
		}
	}
	return false
}

// GrantsService reports whether the statement's actions cover every action of
// service (for example "s3:*", "s3*" or "*"), and returns the covering pattern.
func (s *Statement) GrantsService(service string) (string, bool) {
	if len(s.NotAction) > 0 {
		return "", false
	}
	for _, a := range s.Action {
		if CoversService(a, service) {
			return a, true
		}
	}
	return "", false
}

// CoversService reports whether an action pattern matches every action of a
// service: it must end in * after a part that matches a prefix of "service:".
func CoversService(pattern, service string) bool {
	p := strings.ToLower(pattern)
	if !strings.HasSuffix(p, "*") || unknown.In(p) {
		return false
	}
	head := p[:len(p)-1]
	full := strings.ToLower(service) + ":"
	for k := 0; k <= len(full); k++ {
		if Match(head, full[:k]) {
			return true
		}
	}
	return false
}

// AllowsAction reports whether the statement's actions (or, with NotAction,
// the actions it does not exclude) include action. It does not look at the
// effect, conditions or resources.
func (s *Statement) AllowsAction(action string) bool {
	if len(s.NotAction) > 0 {
		for _, a := range s.NotAction {
			if Match(a, action) {
				return false
			}
		}
		return true
	}
	for _, a := range s.Action {
		if Match(a, action) {
			return true
		}
	}
	return false
}

// CoversResource reports whether the statement applies to the resource ARN:
// a Resource pattern matches it, or, with NotResource, none excludes it.
func (s *Statement) CoversResource(arn string) bool {
	if len(s.NotResource) > 0 {
		for _, r := range s.NotResource {
			if MatchCase(r, arn) {
				return false
			}
		}
		return true
	}
	for _, r := range s.Resource {
		if MatchCase(r, arn) {
			return true
		}
	}
	return false
}

// HasConditionKey reports whether any condition of the statement tests one of
// the keys, in any operator.
func (s *Statement) HasConditionKey(keys ...string) bool {
	for _, kv := range s.Condition {
		for k := range kv {
			for _, want := range keys {
				if strings.EqualFold(k, want) {
					return true
				}
			}
		}
	}
	return false
}

// OnAllResources reports whether the statement applies to every resource:
// a Resource of "*" (the only form that covers resources of every type).
func (s *Statement) OnAllResources() bool {
	if len(s.NotResource) > 0 {
		return false
	}
	for _, r := range s.Resource {
		if r == "*" {
			return true
		}
	}
	return false
}

// Match reports whether value matches an IAM pattern, where * matches any run
// of characters and ? any one character, case-insensitively as AWS compares
// actions. It runs in time linear in the product of the lengths, never
// exponential.
func Match(pattern, value string) bool {
	if ascii(pattern) && ascii(value) {
		return match(pattern, value, true) // no allocation: actions are ASCII
	}
	return match(strings.ToLower(pattern), strings.ToLower(value), false)
}

// MatchCase is Match with case-sensitive comparison, as for resource ARNs.
func MatchCase(pattern, value string) bool { return match(pattern, value, false) }

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// lower folds an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// match is wildcard matching with one backtrack point per star, so it runs
// in time linear in the product of the lengths; fold compares ASCII letters
// without regard to case.
func match(p, v string, fold bool) bool {
	eq := func(a, b byte) bool { return a == b || (fold && lower(a) == lower(b)) }
	pi, vi := 0, 0
	star, mark := -1, 0
	for vi < len(v) {
		switch {
		case pi < len(p) && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], v[vi]))):
			pi++
			vi++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, vi
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			vi = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// ManagedPolicyName returns the name of an AWS managed policy ARN in any
// partition (arn:aws:iam::aws:policy/NAME, arn:aws-cn:..., with or without a
// path), or "" for other ARNs.
func ManagedPolicyName(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[4] != "aws" || !strings.HasPrefix(parts[5], "policy/") {
		return ""
	}
	name := parts[5][len("policy/"):]
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// ServicePrincipals lists the service principals a trust policy lets assume
// the role, sorted.
func (p *Policy) ServicePrincipals() []string {
	if p == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, s := range p.Statements {
		if !strings.EqualFold(s.Effect, "Allow") {
			continue
		}
		for _, svc := range s.Principal.Services() {
			seen[svc] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Public reports whether an Allow statement of a resource policy grants to
// everyone: Principal "*" or {"AWS": "*"}, with no condition to narrow it.
func (s *Statement) Public() bool {
	if !s.Allows() || s.Principal == nil {
		return false
	}
	if s.Principal.All {
		return true
	}
	for _, id := range s.Principal.IDs["AWS"] {
		if id == "*" {
			return true
		}
	}
	return false
}

// Label names a statement for people: its Sid, or its position.
func (p *Policy) Label(i int) string {
	if p.Statements[i].Sid != "" {
		return fmt.Sprintf("%q", p.Statements[i].Sid)
	}
	return fmt.Sprintf("#%d", i+1)
}

// PublicStatement returns the label of the first statement that grants to
// everyone.
func (p *Policy) PublicStatement() (string, bool) {
	if p == nil {
		return "", false
	}
	for i := range p.Statements {
		if p.Statements[i].Public() {
			return p.Label(i), true
		}
	}
	return "", false
}

// DeniesInsecureTransport reports whether the policy has a Deny statement
// conditioned on aws:SecureTransport being false, the TLS-only guard.
func (p *Policy) DeniesInsecureTransport() bool {
	if p == nil {
		return false
	}
	for _, s := range p.Statements {
		if !strings.EqualFold(s.Effect, "Deny") {
			continue
		}
		for op, kv := range s.Condition {
			if !strings.HasPrefix(strings.ToLower(op), "bool") {
				continue
			}
			for k, vs := range kv {
				if strings.EqualFold(k, "aws:SecureTransport") && len(vs) > 0 && strings.EqualFold(vs[0], "false") {
					return true
				}
			}
		}
	}
	return false
}

// Merge joins the statements of several policies into one, as a resource
// with more than one policy (a bucket's inline and separate policies) is
// governed by all of them.
func Merge(policies ...*Policy) *Policy {
	out := &Policy{known: true}
	for _, p := range policies {
		out.Statements = append(out.Statements, p.Statements...)
		out.known = out.known && p.known
	}
	return out
}
