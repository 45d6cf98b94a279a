package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
)

// SARIF 2.1.0, the subset mlguard writes. The tests validate the output
// against the official schema in testdata.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     json.RawMessage   `json:"results"` // streamed
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           sarifProperties `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// sarifLevel and securitySeverity follow GitHub code scanning's reading of
// SARIF: level for the alert, security-severity for its security rank.
func sarifLevel(s rule.Severity) string {
	switch s {
	case rule.Critical, rule.High:
		return "error"
	case rule.Medium:
		return "warning"
	}
	return "note"
}

var securitySeverity = map[rule.Severity]string{rule.Critical: "9.5", rule.High: "8.0", rule.Medium: "5.5", rule.Low: "3.0"}

func writeSARIF(w io.Writer, res *scan.Result, opts Options) error {
	findings := Shown(res, opts.MinSeverity)
	rules := res.Rules
	index := map[string]int{}
	driver := sarifDriver{Name: "mlguard", Version: opts.Version, InformationURI: "https://github.com/mlguard/mlguard", Rules: []sarifRule{}}
	for i, r := range rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: streamed}
	inv := sarifInvocation{ExecutionSuccessful: len(res.Errors) == 0, Notifications: []sarifNotification{}}
	for _, d := range res.Errors {
		inv.Notifications = append(inv.Notifications, notification("error", d.Message(), d.Range.File, d.Range.StartLine))
	}
	for _, d := range res.Warnings {
		inv.Notifications = append(inv.Notifications, notification("warning", d.Message(), d.Range.File, d.Range.StartLine))
	}
	run.Invocations = []sarifInvocation{inv}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	if err := streamJSON(w, log, len(findings), func(i int) any { return sarifResultOf(findings[i], index[findings[i].RuleID]) }); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

func sarifRuleOf(r *rule.Rule) sarifRule {
	help := r.Remediation
	md := "**Why:** " + r.Rationale + "\n\n**Fix:** " + r.Remediation
	if fix, ok := r.Fixes["terraform"]; ok {
		md += "\n\n```hcl\n" + fix + "\n```"
	}
	sr := sarifRule{
		ID: r.ID, Name: toPascal(r.Slug),
		ShortDescription:     sarifText{Text: r.Title},
		FullDescription:      sarifText{Text: r.Rationale},
		Help:                 sarifText{Text: help, Markdown: md},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties: sarifProperties{Tags: slices.Compact(slices.Sorted(slices.Values([]string{"security", string(r.Category), r.Provider, r.Service}))),
			SecuritySeverity: securitySeverity[r.Severity], Precision: "very-high"},
	}
	if len(r.References) > 0 {
		sr.HelpURI = r.References[0]
	}
	return sr
}

func sarifResultOf(f rule.Finding, idx int) sarifResult {
	msg := f.Message
	if r := renderedBy(f.Rendered); r != "" {
		// A code-scanning alert on a template line says which chart or
		// overlay rendered it, and with which values.
		msg += " (rendered from " + r + ")"
	}
	sr := sarifResult{
		RuleID: f.RuleID, RuleIndex: idx, Level: sarifLevel(f.Severity), Message: sarifText{Text: msg},
		Locations:           []sarifLocation{location1(f.File, f.StartLine, f.EndLine, f.Resource)},
		PartialFingerprints: map[string]string{"mlguardFingerprint/v1": f.Fingerprint},
	}
	if s := f.Suppression; s != nil {
		kind := "external"
		if s.Kind == "inline" {
			kind = "inSource"
		}
		sr.Suppressions = []sarifSuppression{{Kind: kind, Justification: strings.TrimSpace(s.Kind + ": " + s.Reason)}}
	}
	return sr
}

func location1(file string, start, end int, resource string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: file}}}
	if start > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: start, EndLine: max(end, start)}
	}
	if resource != "" {
		loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: resource, Kind: "resource"}}
	}
	return loc
}

func notification(level, msg, file string, line int) sarifNotification {
	n := sarifNotification{Level: level, Message: sarifText{Text: msg}}
	if file != "" {
		n.Locations = []sarifLocation{location1(file, line, line, "")}
	}
	return n
}

func toPascal(slug string) string {
	var b strings.Builder
	for _, p := range strings.Split(slug, "-") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}
