package analyze

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/catalog"
)

func (a *analysis) grantsNothing() []Issue {
	var out []Issue
	a.each(func(d, i int, s *iam.Statement) {
		if msg, value := grantsNothing(s); msg != "" {
			out = append(out, a.issue(d, i, msg, value))
		}
	})
	return out
}

// grantsNothing says why a statement, or some action it names, can never
// apply: an operator AWS does not define, an action that does not exist, or
// an action none of whose resource types the statement's resources can be
// (s3:GetObject on a bucket ARN, whose objects are bucket/key).
func grantsNothing(s *iam.Statement) (string, string) {
	if s.HasUnknown() {
		return "", ""
	}
	verb := "grants"
	if deny(s) {
		verb = "denies"
	}
	for op := range s.Condition {
		if !iam.KnownOperator(op) {
			return verb + " nothing: " + op + " is not a condition operator, so the statement never applies", "operator:" + op
		}
	}
	if len(s.NotAction) > 0 || len(s.NotResource) > 0 || len(s.Resource) == 0 {
		return "", "" // a trust policy names no resource: the role is it
	}
	var dead, unknownNames []string
	live := 0
	for _, act := range s.Action {
		svcName, _, _ := strings.Cut(act, ":")
		if !knownService(svcName) {
			live++ // outside the catalog: nothing is known of it
			continue
		}
		expanded := catalog.Expand(act)
		if len(expanded) == 0 {
			unknownNames = append(unknownNames, act)
			continue
		}
		applies := false
		for _, e := range expanded {
			if actionApplies(e, s.Resource) {
				applies = true
				break
			}
		}
		if applies {
			live++
		} else {
			dead = append(dead, act)
		}
	}
	switch {
	case len(unknownNames) > 0:
		return verb + " nothing for " + list(unknownNames) + ": no such action in the catalog (" + catalog.Source + ")",
			"action:" + strings.Join(unknownNames, ",")
	case len(dead) > 0 && live == 0:
		return verb + " nothing: none of " + list(dead) + " acts on " + list(s.Resource) + deadHint(dead, s.Resource),
			"resource:" + strings.Join(dead, ",")
	case len(dead) > 0:
		return verb + " nothing for " + list(dead) + ": they do not act on " + list(s.Resource) + deadHint(dead, s.Resource),
			"resource:" + strings.Join(dead, ",")
	}
	return "", ""
}

// deadHint explains the most common mistake: object actions on a bucket ARN.
func deadHint(actions, resources []string) string {
	for _, act := range actions {
		if _, a, ok := catalog.Lookup(act); ok && strings.HasPrefix(strings.ToLower(act), "s3:") && len(a.Resources) > 0 &&
			(a.Resources[0] == "object" || a.Resources[len(a.Resources)-1] == "object") {
			for _, r := range resources {
				if strings.HasPrefix(r, "arn:") && strings.Contains(r, ":s3:::") && !strings.Contains(r, "/") {
					return " (object actions need arn:aws:s3:::BUCKET/KEY; " + r + " names the bucket)"
				}
			}
		}
	}
	return ""
}

func knownService(name string) bool {
	for _, s := range catalog.Services() {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// actionApplies reports whether one of the resources can be a resource the
// action acts on: an ARN of one of its resource types, or "*" for actions
// without resource-level permissions (AWS then authorizes against "*").
func actionApplies(action string, resources []string) bool {
	svc, a, ok := catalog.Lookup(action)
	if !ok {
		return true
	}
	if len(a.Resources) == 0 {
		for _, r := range resources {
			if iam.MatchCase(r, "*") {
				return true
			}
		}
		return false
	}
	for _, r := range resources {
		rt := policyGlob(r)
		for _, typ := range a.Resources {
			arn, known := svc.ResourceTypes[typ]
			if !known || overlap(rt, catalogGlob(arn)) {
				return true
			}
		}
	}
	return false
}

// MaxShadowStatements bounds the statements compared pairwise for shadowing.
// No policy AWS accepts comes near it (the largest, a bucket policy, is
// limited to 20 KB), so a larger document is reported as such instead.
const MaxShadowStatements = 1000

func (a *analysis) shadowed() []Issue {
	var out []Issue
	for d, doc := range a.s.Docs {
		if doc.Policy == nil {
			continue
		}
		st := doc.Policy.Statements
		if len(st) > MaxShadowStatements {
			out = append(out, Issue{Doc: d, Statement: -1, Value: "too-large",
				Message: fmt.Sprintf("%s has %d statements, more than any policy AWS accepts; statements were not compared for shadowing (at most %d are)",
					doc.Name, len(st), MaxShadowStatements)})
			continue
		}
		for i := range st {
			if msg := shadowOf(doc.Policy, i); msg != "" {
				out = append(out, a.issue(d, i, msg, "shadowed"))
			}
		}
	}
	return out
}

// shadowOf says which statement of the same policy makes statement i grant
// nothing (an unconditioned Deny covering it) or nothing more (an Allow with
// the same conditions covering it).
func shadowOf(p *iam.Policy, i int) string {
	s := &p.Statements[i]
	if !allow(s) || !plain(s) {
		return ""
	}
	for j := range p.Statements {
		t := &p.Statements[j]
		if j == i || !plainOuter(t) || !samePrincipals(s, t) || !coversStatement(t, s) {
			continue
		}
		switch {
		case deny(t) && len(t.Condition) == 0:
			return "grants nothing: statement " + p.Label(j) + " denies everything it allows"
		case allow(t) && (len(t.Condition) == 0 || reflect.DeepEqual(t.Condition, s.Condition)):
			if j > i && coversStatement(s, t) && reflect.DeepEqual(t.Condition, s.Condition) {
				continue // two equal statements: the later one is reported
			}
			return "grants nothing more than statement " + p.Label(j) + ", which allows all of it"
		}
	}
	return ""
}

// plain reports a statement with only Action and Resource lists and no
// unknown parts, the ones whose coverage can be decided.
func plain(s *iam.Statement) bool {
	return len(s.NotAction) == 0 && len(s.NotResource) == 0 && s.NotPrincipal == nil && len(s.Action) > 0 &&
		len(s.Resource) > 0 && !s.HasUnknown()
}

func plainOuter(t *iam.Statement) bool {
	return len(t.NotResource) == 0 && t.NotPrincipal == nil && !t.HasUnknown() && len(t.Resource) > 0
}

func samePrincipals(s, t *iam.Statement) bool {
	if t.Principal != nil && t.Principal.All {
		return true
	}
	return reflect.DeepEqual(s.Principal, t.Principal)
}

// coversStatement reports whether t applies to every action and resource s
// names. Catalogued actions are compared one by one, so "s3:Get*" covers
// "s3:GetObject"; other patterns are compared as patterns.
func coversStatement(t, s *iam.Statement) bool {
	for _, act := range s.Action {
		if !coversAction(t, act) {
			return false
		}
	}
	for _, r := range s.Resource {
		ok := false
		for _, tr := range t.Resource {
			if covers(tr, r, false) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func coversAction(t *iam.Statement, act string) bool {
	if expanded := catalog.Expand(act); len(expanded) > 0 && !strings.HasSuffix(act, "*") {
		return t.AllowsAction(expanded[0])
	}
	if len(t.NotAction) > 0 {
		for _, na := range t.NotAction {
			if overlap(policyGlob(strings.ToLower(na)), policyGlob(strings.ToLower(act))) {
				return false
			}
		}
		return true
	}
	for _, ta := range t.Action {
		if covers(ta, act, true) {
			return true
		}
	}
	return false
}
