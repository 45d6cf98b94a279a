package cli

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/baseline"
	"github.com/mlguard/mlguard/internal/audit/flowlog"
	"github.com/mlguard/mlguard/internal/audit/mlnet"
	"github.com/mlguard/mlguard/internal/audit/mlnet/iac"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

type auditFlags struct {
	out                 output
	exit                exitPolicy
	severity            string
	state, since, until string
	lock                *baseline.Lock // of the state file, for the whole run
	learn, allowEmpty   bool
	known               []string
	mlSubnets, vpcCIDRs []string
	iac                 []string
	flowFormat          string
	stderr              io.Writer
}

func newAuditCmd() *cobra.Command {
	f := &auditFlags{}
	cmd := &cobra.Command{
		Use:   "audit LOGS...",
		Short: "Find attacks on ML systems in CloudTrail, Google Cloud audit, Azure Activity and VPC Flow Logs",
		Long: "Read audit logs offline (CloudTrail delivered files and JSON lines, .json and .json.gz, directory trees;\n" +
			"Google Cloud audit LogEntry lines; Azure Activity Log exports; \"-\" for standard input) and report model\n" +
			"artifact theft, registry and control-plane abuse, inference floods, tampering with logging, keys and public\n" +
			"access blocks, insecure SageMaker changes and ML role credentials used outside AWS, each with its MITRE\n" +
			"ATLAS / ATT&CK techniques and evidence records. Baselines of what is usual are learned from earlier logs:\n" +
			"events before --since only teach them, and --state keeps them between runs. Events of the detection\n" +
			"window never teach the state, so judging the same logs again gives the same alerts.\n\n" +
			"Exit codes: 0 no alert at or above --severity, 1 alerts (see --exit-code, --soft-fail), 2 usage error,\n" +
			"records that could not be read, or no log record at all (see --allow-empty).",
		Example: "  mlguard audit --since 2026-11-21 --state mlguard-audit.db AWSLogs/\n" +
			"  mlguard audit --learn --state mlguard-audit.db old-logs/\n" +
			"  mlguard audit --known-cidr 203.0.113.0/24 -f sarif -o audit.sarif logs/",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd, args, f)
		},
	}
	fl := cmd.Flags()
	f.out.register(fl, "text", report.AuditFormats...)
	f.exit.register(fl, "alerts")
	fl.StringVar(&f.severity, "severity", "LOW", "report only alerts at or above LOW, MEDIUM, HIGH or CRITICAL (or a list up to CRITICAL: HIGH,CRITICAL)")
	fl.StringVar(&f.state, "state", "", "baseline state file (bbolt): read at start when it exists, saved after the report")
	fl.BoolVar(&f.learn, "learn", false, "only learn: read the logs into the baseline and raise nothing")
	fl.StringVar(&f.since, "since", "", "start of the detection window (RFC 3339 or YYYY-MM-DD); earlier events only teach the baseline")
	fl.StringVar(&f.until, "until", "", "end of the detection window (RFC 3339 or YYYY-MM-DD, exclusive for a date); later events are not judged")
	fl.StringArrayVar(&f.known, "known-cidr", nil, "an address range of your own networks (repeatable); calls from outside them are unusual")
	fl.BoolVar(&f.allowEmpty, "allow-empty", false, "exit 0, not 2, when the logs hold no record")
	fl.StringArrayVar(&f.mlSubnets, "ml-subnet", nil, "[KIND=]CIDR of an ML subnet, KIND "+strings.Join(mlnet.Kinds(), ","))
	fl.StringArrayVar(&f.vpcCIDRs, "vpc-cidr", nil, "a VPC range (default: the VPCs of --iac, else private ranges)")
	fl.StringArrayVar(&f.iac, "iac", nil, "Terraform or CloudFormation of the ML subnets, VPCs and endpoint security groups")
	fl.StringVar(&f.flowFormat, "flow-format", "", "fields of headerless flow logs: \"${version} ${srcaddr} ...\"")
	cmd.AddCommand(newAuditCompileCmd())
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

func (f *auditFlags) options(ctx context.Context) (audit.Options, rule.Severity, error) {
	var o audit.Options
	min, err := reportFlags(f.severity, &f.out, &f.exit)
	if err != nil {
		return o, min, err
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
	if !o.Since.IsZero() && !o.Until.IsZero() && !o.Since.Before(o.Until) {
		return o, min, usageError("--since %s is not before --until %s: the detection window would be empty", f.since, f.until)
	}
	for _, c := range f.known {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return o, min, usageError("--known-cidr %q: not an address range such as 203.0.113.0/24 or 2001:db8::/32", c)
		}
		o.KnownNetworks = append(o.KnownNetworks, p.Masked())
	}
	if o.Networks, err = f.networks(ctx); err != nil {
		return o, min, err
	}
	if f.flowFormat != "" {
		if o.FlowFields, err = flowlog.ParseFormat(f.flowFormat); err != nil {
			return o, min, usageError("--flow-format: %v", err)
		}
	}
	o.Learn = f.learn
	o.Baseline = baseline.New()
	if f.state != "" {
		// Held until the state is saved: a second run on the same file
		// fails here, before its analysis, instead of dropping what this
		// one learns.
		if f.lock, err = baseline.Acquire(f.state); err != nil {
			return o, min, usageError("%v", source.PlainError(err))
		}
		if o.Baseline, err = baseline.Load(f.state); err != nil {
			return o, min, usageError("%v", source.PlainError(err))
		}
	}
	return o, min, nil
}

// networks reads --iac, --ml-subnet and --vpc-cidr; nil when none is given.
func (f *auditFlags) networks(ctx context.Context) (*mlnet.Networks, error) {
	if len(f.iac) == 0 && len(f.mlSubnets) == 0 && len(f.vpcCIDRs) == 0 {
		return nil, nil
	}
	n := &mlnet.Networks{}
	if len(f.iac) > 0 {
		ins, err := openInputs(f.iac, nil)
		if err != nil {
			return nil, err
		}
		defer closeInputs(ins)
		var targets []scan.Target
		for _, in := range ins {
			targets = append(targets, scan.Target{FS: in.fsys, Root: in.root, Prefix: in.prefix, Anchor: in.anchor()})
		}
		found, unplaced, bad, err := iac.Load(ctx, targets)
		if err != nil {
			return nil, err
		}
		if len(bad) > 0 {
			return nil, usageError("--iac: %d input(s) could not be read, the first: %v", len(bad), bad[0])
		}
		for _, u := range unplaced {
			fmt.Fprintf(f.stderr, "mlguard: --iac: %s\n", u)
		}
		n = &found
	}
	var subnets []mlnet.Subnet
	for _, s := range f.mlSubnets {
		sn, err := mlnet.ParseSubnet(s)
		if err != nil {
			return nil, usageError("--ml-subnet %v", err)
		}
		subnets = append(subnets, sn)
	}
	var inside []netip.Prefix
	for _, c := range f.vpcCIDRs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return nil, usageError("--vpc-cidr %q: not an address range such as 10.0.0.0/16", c)
		}
		inside = append(inside, p.Masked())
	}
	n.Add(subnets, inside)
	if len(n.ML) == 0 {
		return nil, usageError("no ML subnet: --iac found none with a known CIDR block, and no --ml-subnet was given")
	}
	return n, nil
}

func runAudit(cmd *cobra.Command, args []string, f *auditFlags) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	f.stderr = cmd.ErrOrStderr()
	opts, min, err := f.options(ctx)
	defer f.lock.Release()
	if err != nil {
		return err
	}
	ins, err := openInputs(args, cmd.InOrStdin())
	if err != nil {
		return err
	}
	defer closeInputs(ins)
	var inputs []audit.Input
	for _, in := range ins {
		inputs = append(inputs, audit.Input{FS: in.fsys, Root: in.root, Prefix: in.prefix})
	}
	res, err := audit.Run(ctx, inputs, opts)
	if err != nil {
		return &exitError{code: ExitError, err: source.PlainError(err)}
	}
	ropts := report.Options{Version: version(), MinSeverity: min, Color: f.out.color(cmd, cmd.OutOrStdout())}
	if err := f.out.write(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteAudit(w, f.out.format, res, ropts) }); err != nil {
		return err
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
	case res.Read == 0 && !f.allowEmpty:
		return &exitError{code: ExitError, err: fmt.Errorf("no log record in %s (%s read; --allow-empty exits 0 instead)",
			strings.Join(args, " "), report.Plural(len(res.Files), "file"))}
	case len(report.ActiveAlerts(res, min)) > 0:
		return f.exit.findings()
	}
	return nil
}
