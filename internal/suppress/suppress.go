// Package suppress finds inline suppression comments and reads and writes
// baselines.
//
// An inline suppression is a comment on the first line of a resource, on the
// offending line, or in the comment lines directly above either:
//
//	# mlguard:ignore AWS-SAGEMAKER-001 notebooks in the sandbox account need pip
//	# mlguard:ignore AWS-SAGEMAKER-001,AWS-SAGEMAKER-002 exp:2027-01-31 until the VPC lands
//
// Rule IDs are required (there is no blanket ignore), the reason is recorded
// in reports, and an expired suppression stops applying.
package suppress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/rule"
)

var inlinePattern = regexp.MustCompile(`(?:#|//)\s*mlguard:ignore\s+([A-Za-z0-9,\-]+)(?:\s+exp:(\d{4}-\d{2}-\d{2}))?\s*(.*)$`)

// Inline holds the suppression comments of one file, by line.
type Inline struct {
	lines []string
}

// NewInline indexes a file's lines.
func NewInline(data []byte) *Inline {
	if !bytes.Contains(data, []byte("mlguard:ignore")) {
		return &Inline{} // most files: nothing to keep
	}
	return &Inline{lines: strings.Split(string(data), "\n")}
}

// Find returns the suppression that applies to a rule at any of the given
// lines (1-based), looking at each line and the comment lines directly above.
func (in *Inline) Find(ruleID string, today time.Time, lines ...int) *rule.Suppression {
	for _, ln := range lines {
		if ln < 1 || ln > len(in.lines) {
			continue
		}
		if s := match(in.lines[ln-1], ruleID, today); s != nil {
			return s
		}
		for i := ln - 2; i >= 0 && isComment(in.lines[i]); i-- {
			if s := match(in.lines[i], ruleID, today); s != nil {
				return s
			}
		}
	}
	return nil
}

func isComment(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//")
}

func match(line, ruleID string, today time.Time) *rule.Suppression {
	if !strings.Contains(line, "mlguard:ignore") {
		return nil // most lines; the pattern is costly by comparison
	}
	m := inlinePattern.FindStringSubmatch(line)
	if m == nil {
		return nil
	}
	for _, id := range strings.Split(m[1], ",") {
		if strings.EqualFold(strings.TrimSpace(id), ruleID) {
			if config.Expired(m[2], today) {
				return nil
			}
			return &rule.Suppression{Kind: "inline", Reason: strings.TrimSpace(m[3]), Expires: m[2]}
		}
	}
	return nil
}

// Marker is one suppression comment as written.
type Marker struct {
	Line    int
	IDs     []string // the rule IDs it names; none when it is malformed
	Expires string   // YYYY-MM-DD or ""
}

// Markers lists the suppression comments of a file, so that one naming a
// rule that does not exist, or one that has expired, can be reported
// instead of silently suppressing nothing.
func Markers(data []byte) []Marker {
	var out []Marker
	for i, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, "mlguard:ignore") {
			continue
		}
		mk := Marker{Line: i + 1}
		if m := inlinePattern.FindStringSubmatch(line); m != nil {
			for _, id := range strings.Split(m[1], ",") {
				if id = strings.TrimSpace(id); id != "" {
					mk.IDs = append(mk.IDs, id)
				}
			}
			mk.Expires = m[2]
		} else if !isComment(line) && !strings.Contains(line, "#") && !strings.Contains(line, "//") {
			continue // the words in a string, not a comment
		}
		out = append(out, mk)
	}
	return out
}

// BaselineVersion is the version of the baseline files written. Version 2
// fingerprints files by their path from the repository root.
const BaselineVersion = 2

// Baseline is a recorded set of findings; findings in it are not new.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
	index    map[string]bool
}

// BaselineEntry identifies one recorded finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	Resource    string `json:"resource"`
	File        string `json:"file"`
}

// NewBaseline records findings (suppressed ones too, so that a suppression
// that later expires does not surface as new).
func NewBaseline(fs []rule.Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion}
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.Fingerprint] {
			continue
		}
		seen[f.Fingerprint] = true
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, RuleID: f.RuleID, Resource: f.Resource, File: f.File})
	}
	sort.Slice(b.Findings, func(i, j int) bool { return b.Findings[i].Fingerprint < b.Findings[j].Fingerprint })
	return b
}

// ParseBaseline reads a baseline file.
func ParseBaseline(data []byte) (*Baseline, error) {
	b := &Baseline{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(b); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	switch {
	case b.Version == 1:
		return nil, fmt.Errorf("the baseline was written by an earlier mlguard, whose fingerprints depended on how the path was typed; record it again with --create-baseline")
	case b.Version != BaselineVersion:
		return nil, fmt.Errorf("unsupported baseline version %d (this mlguard reads version %d)", b.Version, BaselineVersion)
	}
	return b, nil
}

// Contains reports whether a fingerprint is recorded.
func (b *Baseline) Contains(fp string) bool {
	if b == nil {
		return false
	}
	if b.index == nil {
		b.index = map[string]bool{}
		for _, e := range b.Findings {
			b.index[e.Fingerprint] = true
		}
	}
	return b.index[fp]
}

// Marshal renders the baseline as indented JSON.
func (b *Baseline) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal baseline: %w", err)
	}
	return append(data, '\n'), nil
}
