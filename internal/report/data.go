package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/data"
	"github.com/mlguard/mlguard/internal/rule"
)

// DataFormats are the formats of `mlguard data scan`.
var DataFormats = []string{"text", "json", "sarif"}

// WriteData renders the result of `mlguard data scan`. Values appear only
// redacted, in every format.
func WriteData(w io.Writer, format string, res *data.Result, opts Options) error {
	switch format {
	case "text":
		return dataText(w, res, opts)
	case "json":
		return dataJSON(w, res, opts)
	case "sarif":
		return dataSARIF(w, res, opts)
	}
	return fmt.Errorf("unknown format %q", format)
}

// ActiveData are the findings at or above min that no accept entry covers.
func ActiveData(res *data.Result, min rule.Severity) []data.Finding {
	var out []data.Finding
	for _, f := range res.Findings() {
		if f.Severity >= min && f.Accepted == nil {
			out = append(out, f)
		}
	}
	return out
}

// where names a finding's first place: file:line, or the Parquet row
// group and row.
func where(l data.Location) string {
	switch {
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	case strings.HasSuffix(strings.ToLower(l.File), ".parquet"):
		return fmt.Sprintf("%s row group %d, row %d", l.File, l.RowGroup, l.Row)
	}
	return l.File
}

// what says what a finding is: a column of the type, or values inside
// free text.
func what(f data.Finding) string {
	if f.Class {
		return fmt.Sprintf("column of %s (%.0f%% of %s, %s confidence)", f.Type, f.Share*100, Plural(int(f.Values), "value"), f.Confidence)
	}
	matches := fmt.Sprintf("%d matches", f.Matches)
	if f.Matches == 1 {
		matches = "1 match"
	}
	return fmt.Sprintf("%s in %d of %s (%s)", f.Type, f.Cells, Plural(int(f.Values), "value"), matches)
}

func dataText(w io.Writer, res *data.Result, opts Options) error {
	t := &textWriter{w: w, color: opts.Color}
	// Grouped by dataset, most severe first within each.
	findings := res.Findings()
	sort.SliceStable(findings, func(i, j int) bool { return findings[i].Dataset < findings[j].Dataset })
	active, accepted := 0, 0
	dataset := ""
	for _, f := range findings {
		if f.Severity < opts.MinSeverity {
			continue
		}
		if f.Accepted != nil {
			accepted++
			continue
		}
		active++
		if f.Dataset != dataset {
			dataset = f.Dataset
			t.printf("\n%s\n", t.paint(bold, Clean(dataset)))
		}
		t.printf("  %s %s  %s\n", t.sev(f.Severity), Clean(f.Column), Clean(what(f)))
		t.printf("           %s %s\n", t.paint(dim, "e.g."), Clean(strings.Join(f.Examples, ", ")))
		t.printf("           %s %s\n", t.paint(dim, "first at"), Clean(where(f.Location)))
	}
	var notes []string
	for _, e := range res.Errors {
		loc := e.File
		if e.Line > 0 {
			loc = fmt.Sprintf("%s:%d", e.File, e.Line)
		}
		kind := "error"
		if e.Partial {
			kind = "warning"
		}
		notes = append(notes, fmt.Sprintf("%s: %s: %s", kind, Clean(loc), Clean(e.Message)))
	}
	for _, sk := range res.Skipped {
		what := Plural(sk.Files, "file") + " " + Clean(sk.Kind)
		if sk.Dirs {
			what = fmt.Sprintf("%d %s directories", sk.Files, Clean(sk.Kind))
			if sk.Files == 1 {
				what = "1 " + Clean(sk.Kind) + " directory"
			}
		}
		notes = append(notes, fmt.Sprintf("skipped: %s (%s)", what, sk.Note))
	}
	for _, ds := range res.Datasets {
		if ds.Truncated {
			notes = append(notes, fmt.Sprintf("sampled: %s (the first %s; --full reads all)", Clean(ds.Path), Plural(int(ds.Records), "record")))
		}
		if ds.Ragged > 0 {
			notes = append(notes, fmt.Sprintf("note: %s has %s with another number of fields than its header", Clean(ds.Path), Plural(int(ds.Ragged), "row")))
		}
	}
	if len(notes) > 0 {
		t.printf("\n%s\n", strings.Join(notes, "\n"))
	}
	t.printf("\n%s in %s (%s, %s read); %d accepted; %s could not be read\n",
		Plural(active, "finding"), Plural(len(res.Datasets), "dataset"), Plural(res.Files, "file"), Plural(int(res.Records), "record"),
		accepted, Plural(countErrors(res), "file"))
	return t.err
}

func countErrors(res *data.Result) int {
	n := 0
	for _, e := range res.Errors {
		if !e.Partial {
			n++
		}
	}
	return n
}

func dataJSON(w io.Writer, res *data.Result, opts Options) error {
	doc := struct {
		SchemaVersion string         `json:"schema_version"`
		Tool          map[string]any `json:"tool"`
		Findings      []data.Finding `json:"findings"`
		*data.Result
	}{SchemaVersion: "1", Tool: map[string]any{"name": "mlguard", "version": opts.Version}, Result: res}
	for _, f := range res.Findings() {
		if f.Severity >= opts.MinSeverity {
			doc.Findings = append(doc.Findings, f)
		}
	}
	if doc.Findings == nil {
		doc.Findings = []data.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// dataFingerprint identifies a finding across runs: the dataset, the
// column and the info type.
func dataFingerprint(f data.Finding) string {
	h := sha256.Sum256([]byte(f.Dataset + "\x00" + f.Column + "\x00" + string(f.Type)))
	return hex.EncodeToString(h[:16])
}

func dataSARIF(w io.Writer, res *data.Result, opts Options) error {
	driver := sarifDriver{Name: "mlguard", Version: opts.Version, InformationURI: "https://github.com/mlguard/mlguard", Rules: []sarifRule{}}
	index := map[string]int{}
	run := sarifRun{Tool: sarifTool{Driver: driver}}
	var results []sarifResult
	for _, f := range res.Findings() {
		if f.Severity < opts.MinSeverity {
			continue
		}
		id := "DATA-" + string(f.Type)
		i, ok := index[id]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			index[id] = i
			text := "Training data holds " + string(f.Type)
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: id, Name: string(f.Type),
				ShortDescription: sarifText{Text: text}, FullDescription: sarifText{Text: text + ", found and validated in the values of a dataset."},
				Help:                 sarifText{Text: "Remove or pseudonymise the values before the data is used for training, or accept the column in .mlguard.yaml (data.accept) with a reason."},
				DefaultConfiguration: sarifConfig{Level: sarifLevel(f.Severity)},
				Properties:           sarifProperties{Tags: []string{"security", "privacy"}, SecuritySeverity: securitySeverity[f.Severity], Precision: "high"}})
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(f.Location.File)}},
			LogicalLocations: []sarifLogical{{FullyQualifiedName: f.Column, Kind: "member"}}}
		if f.Location.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Location.Line}
		}
		r := sarifResult{RuleID: id, RuleIndex: i, Level: sarifLevel(f.Severity),
			Message:             sarifText{Text: fmt.Sprintf("%s: %s; e.g. %s (first at %s)", f.Column, what(f), strings.Join(f.Examples, ", "), where(f.Location))},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"mlguard/v1": dataFingerprint(f)}}
		if f.Accepted != nil {
			r.Suppressions = []sarifSuppression{{Kind: "external", Justification: f.Accepted.Reason}}
		}
		results = append(results, r)
	}
	if results == nil {
		results = []sarifResult{}
	}
	raw, err := json.Marshal(results)
	if err != nil {
		return err
	}
	run.Results = raw
	inv := sarifInvocation{ExecutionSuccessful: countErrors(res) == 0, Notifications: []sarifNotification{}}
	for _, e := range res.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(e.File)}}}}}
		if e.Line > 0 {
			n.Locations[0].PhysicalLocation.Region = &sarifRegion{StartLine: e.Line}
		}
		if e.Partial {
			n.Level = "warning"
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}
