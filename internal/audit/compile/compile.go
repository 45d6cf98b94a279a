// Package compile turns the audit detectors into queries and rules for the
// engines organizations already keep their logs in: SQL for Athena, Trino,
// Spark, BigQuery and DuckDB over the tables those logs live in, KQL
// analytics rules for Microsoft Sentinel, Splunk saved searches and Sigma
// rules. Each detector is written once per language over one normalized
// event shape; each target maps its tables to that shape. Detectors that
// need what a target cannot express are written as a comment saying why.
package compile

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit"
)

// Options are the windows and networks the queries judge by.
type Options struct {
	// Since and Until bound the detection window. A zero Since judges the
	// last Hours hours before the query runs; a zero Until leaves the window
	// open.
	Since, Until time.Time
	// Hours is the relative detection window when Since is zero (24 when 0).
	Hours int
	// LearnDays is the learning period before the window (30 when 0).
	LearnDays int
	// KnownNetworks are the operator's IPv4 ranges (IPv6 is refused).
	KnownNetworks []netip.Prefix
	// Logs is where the duckdb target's views read the log files (a
	// directory as mlguard audit takes it).
	Logs string
}

// File is one generated query or rule.
type File struct {
	Name    string
	Content string
	// Detector is the ID of the detector the file holds, "" for a file the
	// detectors share (tables, macros, lookups, notes).
	Detector string
}

// Target is an engine the detectors compile for.
type Target struct {
	Name string
	// Title says what the output is, for help and the docs.
	Title string
	// Clouds are the providers whose logs the target reads.
	Clouds []string
	// Ext is the extension of each detector's file.
	Ext string
	// learnDays is the learning period when none is given (30 when 0).
	learnDays int
	compile   func(t *Target, o *Options) ([]File, error)
	// cannot says why a detector does not compile for this target, "" when
	// it does.
	cannot func(id string) string
}

// Targets are the engines, by name.
func Targets() []*Target {
	var out []*Target
	for _, d := range sqlDialects {
		out = append(out, d.target())
	}
	out = append(out, kqlTarget(), splTarget(), sigmaTarget())
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find returns the target of a name.
func Find(name string) (*Target, error) {
	var names []string
	for _, t := range Targets() {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("unknown target %q (want one of %s)", name, strings.Join(names, ", "))
}

// Cannot says why a detector does not compile for the target, "" when it
// does.
func (t *Target) Cannot(id string) string { return t.cannot(id) }

// Compile writes the target's files: a README-like header file naming the
// tables it assumes, then one file per detector.
func (t *Target) Compile(o Options) ([]File, error) {
	if o.Hours <= 0 {
		o.Hours = 24
	}
	if o.LearnDays <= 0 {
		o.LearnDays = cmp.Or(t.learnDays, 30)
	}
	if !o.Since.IsZero() && !o.Until.IsZero() && !o.Since.Before(o.Until) {
		return nil, fmt.Errorf("--since %s is not before --until %s", o.Since.Format(time.RFC3339), o.Until.Format(time.RFC3339))
	}
	for _, p := range o.KnownNetworks {
		if !p.Addr().Is4() {
			return nil, fmt.Errorf("known network %s: only IPv4 ranges compile (the engines' address functions differ for IPv6)", p)
		}
	}
	return t.compile(t, &o)
}

// detectorIDs are the detectors in the order mlguard audit runs them.
func detectorIDs() []string {
	var out []string
	for _, d := range audit.Detectors {
		out = append(out, d.ID)
	}
	return out
}

// detector returns a detector's metadata.
func detector(id string) audit.Detector {
	i := slices.IndexFunc(audit.Detectors, func(d audit.Detector) bool { return d.ID == id })
	return audit.Detectors[i]
}

// detectorFile is a file of one detector, named for it:
// audit-exfil-001.sql.
func detectorFile(id, ext, content string) File {
	return File{Name: strings.ToLower(id) + ext, Content: content, Detector: id}
}

// notCompiled is the file of a detector a target does not compile: a
// comment saying why.
func notCompiled(target, ext, comment, id, why string) File {
	return detectorFile(id, ext, header(comment, id+": "+detector(id).Title, "", "Not compiled for "+target+": "+why))
}

// header is the comment block every generated file starts with.
func header(prefix string, lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			b.WriteString(strings.TrimRight(prefix, " ") + "\n")
			continue
		}
		b.WriteString(prefix + l + "\n")
	}
	return b.String()
}

// knownNote says which networks count as known.
func knownNote(o *Options) string {
	if len(o.KnownNetworks) == 0 {
		return "Known networks: none given; an address is outside when the principal never used it in the learning period."
	}
	var s []string
	for _, p := range o.KnownNetworks {
		s = append(s, p.String())
	}
	return "Known networks: " + strings.Join(s, ", ") + "."
}

// windowNote says what the windows are.
func windowNote(o *Options) string {
	learn := fmt.Sprintf("the %d days before it", o.LearnDays)
	if o.Since.IsZero() {
		return fmt.Sprintf("Detection window: the last %d hours before the query runs; learning period: %s.", o.Hours, learn)
	}
	until := "open"
	if !o.Until.IsZero() {
		until = o.Until.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("Detection window: %s to %s; learning period: %s.", o.Since.UTC().Format(time.RFC3339), until, learn)
}

// detectorClouds are the providers whose logs each detector reads.
var detectorClouds = map[string][]string{
	"AUDIT-EXFIL-001": {"aws", "gcp"}, "AUDIT-EXFIL-002": {"aws", "gcp"}, "AUDIT-EXFIL-003": {"aws", "gcp"},
	"AUDIT-EXTRACT-001": {"aws", "gcp"}, "AUDIT-REGISTRY-001": {"gcp"}, "AUDIT-REGISTRY-002": {"gcp", "azure"},
	"AUDIT-REGISTRY-003": {"aws"}, "AUDIT-EVASION-001": {"aws", "gcp", "azure"}, "AUDIT-EVASION-002": {"aws", "gcp", "azure"},
	"AUDIT-EVASION-003": {"aws"}, "AUDIT-EVASION-004": {"aws"}, "AUDIT-CRED-001": {"aws"}, "AUDIT-KEYS-001": {"aws"},
	"AUDIT-NET-001": {flowLogs}, "AUDIT-NET-002": {flowLogs}, "AUDIT-NET-003": {flowLogs},
}

// flowLogs stands for the VPC Flow Logs the network detectors read.
const flowLogs = "vpc-flow-logs"

// flowReason is why the network detectors are not compiled.
const flowReason = "it reads VPC Flow Logs and judges them by the ML subnets mlguard audit finds in the infrastructure as code " +
	"(--iac), which no audit-log table holds; run mlguard audit on the flow logs"

// Clouds are the providers whose logs a detector reads (vpc-flow-logs for
// the network detectors).
func Clouds(id string) []string { return slices.Clone(detectorClouds[id]) }

// DetectorIDs are the detectors in the order mlguard audit runs them.
func DetectorIDs() []string { return detectorIDs() }

// cloudsCannot says a detector does not compile for a target whose tables
// hold none of the logs it reads, or for the reason more gives.
func cloudsCannot(clouds []string, more map[string]string) func(id string) string {
	return func(id string) string {
		if why := more[id]; why != "" {
			return why
		}
		if slices.Contains(detectorClouds[id], flowLogs) {
			return flowReason
		}
		for _, c := range detectorClouds[id] {
			if slices.Contains(clouds, c) {
				return ""
			}
		}
		return "it reads " + strings.Join(detectorClouds[id], " and ") + " logs, and this target's tables hold " +
			strings.Join(clouds, " and ") + " logs only"
	}
}
