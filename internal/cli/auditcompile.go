package cli

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/audit/compile"
)

type compileFlags struct {
	target, outDir, since, until, logs string
	detectors, known                   []string
	hours, learnDays                   int
}

func newAuditCompileCmd() *cobra.Command {
	f := &compileFlags{}
	var targets []string
	for _, t := range compile.Targets() {
		targets = append(targets, fmt.Sprintf("  %-9s %s", t.Name, t.Title))
	}
	cmd := &cobra.Command{
		Use:   "compile --target TARGET [-o DIR]",
		Short: "Write the audit detectors as queries and rules for Athena, Trino, Spark, BigQuery, DuckDB, Sentinel, Splunk and Sigma",
		Long: "Compile mlguard audit's detectors for the engines your logs already live in: one file per detector, plus one\n" +
			"naming the tables (with their definitions) the queries assume. Stateful detectors become queries over a\n" +
			"learning period and a detection window with the thresholds of mlguard audit; a detector a target cannot\n" +
			"express is a file that says why. Targets:\n" + strings.Join(targets, "\n") + "\n\n" +
			"Without --since the queries judge the last --hours before they run (scheduled use); with --since and\n" +
			"--until they judge that window (a hunt over history).",
		Example: "  mlguard audit compile --target athena\n" +
			"  mlguard audit compile --target kql --known-cidr 203.0.113.0/24 -o sentinel/\n" +
			"  mlguard audit compile --target duckdb --logs ./logs --since 2026-11-20 -o queries/",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runAuditCompile(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.target, "target", "", "athena, trino, spark, bigquery, duckdb, kql, splunk or sigma")
	fl.StringVarP(&f.outDir, "output", "o", "", "write the files into this directory (created if missing) instead of printing them")
	fl.StringVar(&f.since, "since", "", "start of the detection window (RFC 3339 or YYYY-MM-DD); without it, the last --hours")
	fl.StringVar(&f.until, "until", "", "end of the detection window (RFC 3339 or YYYY-MM-DD, exclusive for a date)")
	fl.IntVar(&f.hours, "hours", 24, "without --since: the hours judged before the query runs")
	fl.IntVar(&f.learnDays, "learn-days", 0, "days learned from before the window (default 30; kql 13: Sentinel looks back 14)")
	fl.StringArrayVar(&f.known, "known-cidr", nil, "an IPv4 range of your own networks (repeatable)")
	fl.StringVar(&f.logs, "logs", "", "duckdb: the log directory its views read")
	fl.StringSliceVar(&f.detectors, "detector", nil, "only these detectors (IDs, repeatable or comma-separated)")
	_ = cmd.MarkFlagRequired("target")
	return cmd
}

func (f *compileFlags) options() (compile.Options, error) {
	o := compile.Options{Hours: f.hours, LearnDays: f.learnDays, Logs: f.logs}
	var err error
	if f.since != "" {
		if o.Since, err = parseTime(f.since, false); err != nil {
			return o, usageError("--since %q: %v", f.since, err)
		}
	}
	if f.until != "" {
		if o.Until, err = parseTime(f.until, true); err != nil {
			return o, usageError("--until %q: %v", f.until, err)
		}
		if o.Since.IsZero() {
			return o, usageError("--until needs --since: a window with no start")
		}
	}
	if f.hours <= 0 || f.learnDays < 0 {
		return o, usageError("--hours must be positive and --learn-days not negative")
	}
	for _, c := range f.known {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return o, usageError("--known-cidr %q: not an address range such as 203.0.113.0/24", c)
		}
		o.KnownNetworks = append(o.KnownNetworks, p.Masked())
	}
	return o, nil
}

func runAuditCompile(cmd *cobra.Command, f *compileFlags) error {
	target, err := compile.Find(f.target)
	if err != nil {
		return usageError("--target: %v", err)
	}
	o, err := f.options()
	if err != nil {
		return err
	}
	files, err := target.Compile(o)
	if err != nil {
		return usageError("%v", err)
	}
	if files, err = only(files, f.detectors); err != nil {
		return err
	}
	if f.outDir == "" {
		w := cmd.OutOrStdout()
		for i, file := range files {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "%s ==> %s <==\n%s", commentPrefix(file.Name), file.Name, file.Content)
		}
		return nil
	}
	if err := os.MkdirAll(f.outDir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	for _, file := range files {
		if err := os.WriteFile(filepath.Join(f.outDir, file.Name), []byte(file.Content), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", file.Name, err)
		}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d files for %s to %s\n", len(files), target.Name, f.outDir)
	return nil
}

// only keeps the files the detectors share (tables, macros, lookups) and
// those of the named detectors.
func only(files []compile.File, ids []string) ([]compile.File, error) {
	if len(ids) == 0 {
		return files, nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		id = strings.ToUpper(strings.TrimSpace(id))
		if !slices.ContainsFunc(files, func(f compile.File) bool { return f.Detector == id }) {
			return nil, usageError("--detector %q: no such audit detector (mlguard rules list lists them)", id)
		}
		want[id] = true
	}
	return slices.DeleteFunc(files, func(f compile.File) bool { return f.Detector != "" && !want[f.Detector] }), nil
}

// commentPrefix is the line comment of a file's language.
func commentPrefix(name string) string {
	switch filepath.Ext(name) {
	case ".sql":
		return "--"
	case ".kql":
		return "//"
	}
	return "#"
}
