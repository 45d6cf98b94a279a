package threat

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
)

// SchemaVersion is the version of the JSON document; docs/threatmodel.md
// describes it. It changes when a field changes meaning or goes away.
const SchemaVersion = "1"

// Statuses of a threat on an element.
const (
	Mitigated = "mitigated"
	Open      = "open"
	Unknown   = "unknown"
)

// Model is a threat model: the diagram and each element's threats.
type Model struct {
	Version    string      `json:"version"`
	Elements   []*Element  `json:"elements"`
	Flows      []*Flow     `json:"flows"`
	Boundaries []*Boundary `json:"boundaries"`
	Threats    []Threat    `json:"catalogue"`
	// Paths are the attack paths: chains from the internet through
	// elements that each have an open threat, as element IDs.
	Paths   [][]string `json:"attack_paths"`
	Summary Summary    `json:"summary"`
}

// Summary counts the assessments by status.
type Summary struct {
	Elements  int `json:"elements"`
	Open      int `json:"open"`
	Mitigated int `json:"mitigated"`
	Unknown   int `json:"unknown"`
}

// Assessment is one threat on one element.
type Assessment struct {
	Threat   string        `json:"threat"`
	Status   string        `json:"status"`
	Severity rule.Severity `json:"severity"`
	// Findings are the findings that leave the threat open.
	Findings []FindingRef `json:"findings,omitempty"`
	// Why says what mitigates it, or what could not be known.
	Why string `json:"why"`
}

// FindingRef names a finding of the scan.
type FindingRef struct {
	Rule     string        `json:"rule_id"`
	Severity rule.Severity `json:"severity"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Message  string        `json:"message"`
}

// maxPath bounds the length of an attack path, in elements after the
// internet.
const maxPath = 4

// Build makes the threat model of the scanned units from the scan's
// findings and unknown values.
func Build(units []Unit, res *scan.Result, cat *Catalogue) *Model {
	// Lists are empty, not null, in the JSON document when nothing is in them.
	b := &builder{m: &Model{Version: SchemaVersion, Threats: cat.Threats, Elements: []*Element{}, Flows: []*Flow{}, Boundaries: []*Boundary{}},
		byAddr:     map[string]*Element{},
		boundaries: map[string]*Boundary{}, flows: map[[3]string]bool{}}
	units = slices.Clone(units)
	slices.SortFunc(units, func(a, c Unit) int { return strings.Compare(a.Name, c.Name) })
	for _, u := range units {
		b.elements(u)
	}
	findings := matchFindings(b.m.Elements, res.Findings)
	b.externals(findings, exposureRules)
	unknowns := map[string][]string{}
	for _, u := range res.Unknowns {
		unknowns[u.Resource] = append(unknowns[u.Resource], u.Attribute)
	}
	for _, e := range b.m.Elements {
		e.Threats = assess(e, cat, findings[e.ID], unknowns[e.Name])
	}
	b.m.Paths = attackPaths(b.m)
	if b.m.Paths == nil {
		b.m.Paths = [][]string{}
	}
	for _, e := range b.m.Elements {
		b.m.Summary.Elements++
		for _, a := range e.Threats {
			switch a.Status {
			case Open:
				b.m.Summary.Open++
			case Mitigated:
				b.m.Summary.Mitigated++
			default:
				b.m.Summary.Unknown++
			}
		}
	}
	return b.m
}

// matchFindings gives each element the active findings on its resource:
// the same address, in a file that ends with the element's file.
func matchFindings(elements []*Element, fs []rule.Finding) map[string][]rule.Finding {
	byAddr := map[string][]*Element{}
	for _, e := range elements {
		if e.Kind != External {
			byAddr[e.Name] = append(byAddr[e.Name], e)
		}
	}
	out := map[string][]rule.Finding{}
	for _, f := range fs {
		if f.Suppression != nil {
			continue
		}
		for _, e := range byAddr[f.Resource] {
			if e.File == "" || strings.HasSuffix(f.File, e.File) {
				out[e.ID] = append(out[e.ID], f)
			}
		}
	}
	return out
}

// assess judges each threat of the catalogue that applies to the element.
func assess(e *Element, cat *Catalogue, findings []rule.Finding, unknowns []string) []Assessment {
	out := []Assessment{}
	for _, t := range cat.Threats {
		if !slices.Contains(t.AppliesTo, e.Class) || e.Kind == External {
			continue
		}
		a := Assessment{Threat: t.ID, Severity: t.Severity}
		var checking []string // the controls that check this element's type
		for _, id := range t.Controls {
			r, ok := rule.Get(id)
			if ok && scan.Checks(r, e.Type) {
				checking = append(checking, id)
			}
		}
		for _, f := range findings {
			if slices.Contains(t.Controls, f.RuleID) {
				a.Findings = append(a.Findings, FindingRef{Rule: f.RuleID, Severity: f.Severity, File: f.File, Line: f.StartLine, Message: f.Message})
				a.Severity = max(a.Severity, f.Severity)
			}
		}
		switch {
		case len(a.Findings) > 0:
			a.Status = Open
			a.Why = "left open by " + strings.Join(ruleIDs(a.Findings), ", ")
		case len(checking) == 0:
			a.Status = Unknown
			a.Why = "no mlguard rule checks this threat on " + cmp.Or(e.Type, e.Class)
		case len(unknowns) > 0:
			a.Status = Unknown
			a.Why = "values known only after apply were not judged: " + strings.Join(unknowns, ", ")
		default:
			a.Status = Mitigated
			a.Why = "checked by " + strings.Join(checking, ", ") + " with no finding"
		}
		out = append(out, a)
	}
	return out
}

func ruleIDs(fs []FindingRef) []string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return out
}

// attackPaths follows flows from the internet through elements that have
// an open threat, the way an intruder in a process moves on: to the roles
// it assumes, the stores it reads and writes, the keys it encrypts with.
// Roles, stores and keys end a path (their reach is in policies, which the
// diagram does not draw). Each path ends where no further element has an
// open threat, or at maxPath elements; paths through the same elements
// are one.
func attackPaths(m *Model) [][]string {
	open := map[string]bool{}
	kind := map[string]Kind{}
	for _, e := range m.Elements {
		kind[e.ID] = e.Kind
		for _, a := range e.Threats {
			if a.Status == Open {
				open[e.ID] = true
			}
		}
	}
	// reach lists, for each element, the flows an intruder in it follows
	// and where each leads.
	type step struct {
		to   string
		flow *Flow
	}
	reach := map[string][]step{}
	for _, f := range m.Flows {
		switch f.Label {
		case verbReads, verbPulls: // drawn from the store, the way the data goes
			reach[f.To] = append(reach[f.To], step{f.From, f})
		case verbAssumes, verbWrites, verbEncrypts, verbUses:
			reach[f.From] = append(reach[f.From], step{f.To, f})
		default:
			if strings.HasPrefix(f.Label, "reaches") { // from the internet
				reach[f.From] = append(reach[f.From], step{f.To, f})
			}
		}
	}
	var paths [][]string
	seen := map[string]bool{}
	var walk func(path []string, via []*Flow)
	walk = func(path []string, via []*Flow) {
		here := path[len(path)-1]
		extended := false
		if len(path) <= maxPath && (len(path) == 1 || kind[here] == Process) {
			for _, s := range reach[here] {
				if !open[s.to] || slices.Contains(path, s.to) {
					continue
				}
				extended = true
				walk(append(slices.Clip(path), s.to), append(slices.Clip(via), s.flow))
			}
		}
		if key := strings.Join(path, " "); !extended && len(path) > 1 && !seen[key] {
			seen[key] = true
			paths = append(paths, path)
			for _, f := range via {
				f.Attack = true
			}
		}
	}
	for _, e := range m.Elements {
		if e.Class == "internet" {
			walk([]string{e.ID}, nil)
		}
	}
	return paths
}
