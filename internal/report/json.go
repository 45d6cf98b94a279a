package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

// JSONSchemaVersion is the version of the JSON output documented in
// docs/json-output.md. Fields are only added within a major version.
const JSONSchemaVersion = "1.0"

type jsonReport struct {
	SchemaVersion string             `json:"schema_version"`
	Tool          jsonTool           `json:"tool"`
	Summary       Summary            `json:"summary"`
	Findings      json.RawMessage    `json:"findings"` // streamed
	FilesScanned  []string           `json:"files_scanned"`
	FilesFailed   []jsonDiagnostic   `json:"files_failed"`
	Warnings      []jsonDiagnostic   `json:"warnings"`
	Unknowns      []scan.Unknown     `json:"unknowns"`
	Compliance    *compliance.Report `json:"compliance,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonDiagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	Error   string `json:"error"`
}

func diagnostics(ds source.Diagnostics) []jsonDiagnostic {
	out := []jsonDiagnostic{}
	for _, d := range ds {
		out = append(out, jsonDiagnostic{File: d.Range.File, Line: d.Range.StartLine, EndLine: d.Range.EndLine, Error: d.Message()})
	}
	return out
}

func writeJSON(w io.Writer, res *scan.Result, opts Options) error {
	findings := Shown(res, opts.MinSeverity)
	r := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          jsonTool{Name: "mlguard", Version: opts.Version},
		Summary:       Summarize(res, opts.MinSeverity),
		Findings:      streamed,
		FilesScanned:  res.Files,
		FilesFailed:   diagnostics(res.Errors),
		Warnings:      diagnostics(res.Warnings),
		Compliance:    complianceOf(res, opts),
	}
	if r.FilesScanned == nil {
		r.FilesScanned = []string{}
	}
	if r.Unknowns = res.Unknowns; r.Unknowns == nil {
		r.Unknowns = []scan.Unknown{}
	}
	if err := streamJSON(w, r, len(findings), func(i int) any { return findings[i] }); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
