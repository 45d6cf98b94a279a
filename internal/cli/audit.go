package cli

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/baseline"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
)

type auditFlags struct {
	format, output, severity string
	state, since, until      string
	learn                    bool
	known                    []string
}

func newAuditCmd() *cobra.Command {
	f := &auditFlags{}
	cmd := &cobra.Command{
		Use:   "audit LOGS...",
		Short: "Find attacks on ML systems in CloudTrail, Google Cloud audit and Azure Activity logs",
		Long: "Read audit logs offline (CloudTrail delivered files and JSON lines, .json and .json.gz, directory trees;\n" +
			"Google Cloud audit LogEntry lines; Azure Activity Log exports) and report model artifact theft, registry\n" +
			"and control-plane abuse, inference floods, tampering with logging, keys and public access blocks,\n" +
			"insecure SageMaker changes and ML role credentials used outside AWS, each with its MITRE ATLAS /\n" +
			"ATT&CK techniques and evidence records. Baselines of what is usual are learned from earlier logs:\n" +
			"events before --since only teach them, and --state keeps them between runs.\n\n" +
			"Exit codes: 0 no alert at or above --severity, 1 alerts, 2 usage error or records that could not be read.",
		Example: "  mlguard audit --since 2026-11-21 --state mlguard-audit.db AWSLogs/\n" +
			"  mlguard audit --learn --state mlguard-audit.db old-logs/\n" +
			"  mlguard audit --known-cidr 203.0.113.0/24 -f sarif -o audit.sarif logs/",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd.Context(), cmd.OutOrStdout(), args, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.AuditFormats, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.severity, "severity", "LOW", "report only alerts at or above LOW, MEDIUM, HIGH or CRITICAL")
	fl.StringVar(&f.state, "state", "", "baseline state file (bbolt): read at start when it exists, written at the end")
	fl.BoolVar(&f.learn, "learn", false, "only learn: read the logs into the baseline and raise nothing")
	fl.StringVar(&f.since, "since", "", "start of the detection window (RFC 3339 or YYYY-MM-DD); earlier events only teach the baseline")
	fl.StringVar(&f.until, "until", "", "end of the detection window (RFC 3339 or YYYY-MM-DD, exclusive for a date); later events are not judged")
	fl.StringArrayVar(&f.known, "known-cidr", nil, "an address range of your own networks (repeatable); calls from outside them are unusual")
	return cmd
}

func parseTime(s string, endOfDay bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want RFC 3339 (2026-11-21T00:00:00Z) or a date (2026-11-21)")
	}
	if endOfDay {
		t = t.Add(-time.Nanosecond) // --until 2026-11-22 stops before that day
	}
	return t, nil
}

func (f *auditFlags) options() (audit.Options, rule.Severity, error) {
	var o audit.Options
	min, err := rule.ParseSeverity(f.severity)
	if err != nil {
		return o, min, usageError("--severity: %v", err)
	}
	if !slices.Contains(report.AuditFormats, f.format) {
		return o, min, usageError("--format: unknown format %q (want one of %s)", f.format, strings.Join(report.AuditFormats, ", "))
	}
	if f.since != "" {
		if o.Since, err = parseTime(f.since, false); err != nil {
			return o, min, usageError("--since %q: %v", f.since, err)
		}
	}
	if f.until != "" {
		if o.Until, err = parseTime(f.until, true); err != nil {
			return o, min, usageError("--until %q: %v", f.until, err)
		}
	}
	for _, c := range f.known {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return o, min, usageError("--known-cidr %q: %v", c, err)
		}
		o.KnownNetworks = append(o.KnownNetworks, p.Masked())
	}
	o.Learn = f.learn
	o.Baseline = baseline.New()
	if f.state != "" {
		if o.Baseline, err = baseline.Load(f.state); err != nil {
			return o, min, usageError("--state: %v", err)
		}
	}
	return o, min, nil
}

func runAudit(ctx context.Context, stdout io.Writer, args []string, f *auditFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	opts, min, err := f.options()
	if err != nil {
		return err
	}
	var inputs []audit.Input
	for _, a := range args {
		if _, err := os.Stat(a); err != nil {
			return usageError("%v", err)
		}
		root, err := os.OpenRoot(filepath.Dir(a))
		if err != nil {
			return usageError("%v", err)
		}
		defer root.Close()
		prefix := filepath.ToSlash(filepath.Dir(a))
		if prefix == "." {
			prefix = ""
		}
		inputs = append(inputs, audit.Input{FS: root.FS(), Root: filepath.Base(a), Prefix: prefix})
	}
	res, err := audit.Run(ctx, inputs, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	w := stdout
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("create report: %w", err)}
		}
		defer file.Close()
		w = file
	}
	color := f.format == "text" && f.output == "" && isTerminal(stdout)
	if err := report.WriteAudit(w, f.format, res, report.Options{Version: version(), MinSeverity: min, Color: color}); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	// The state is saved after the report, so a state that cannot be
	// written does not cost the report.
	if f.state != "" {
		if err := opts.Baseline.Save(f.state); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	switch {
	case len(res.Rejected) > 0:
		return &exitError{code: ExitError}
	case len(report.ActiveAlerts(res, min)) > 0:
		return &exitError{code: ExitFindings}
	}
	return nil
}
