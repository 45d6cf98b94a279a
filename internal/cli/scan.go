package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/suppress"
)

type scanFlags struct {
	format, output, severity string
	vars, varFiles           []string
	cfnParams                []string
	armParams                []string
	baseline                 string
	updateBaseline           bool
	noInline                 bool
	compliance               string
	policies                 []string
	dumpInput                bool
	// rules replaces the registered rules (mlguard iam analyze).
	rules []*rule.Rule
}

func newScanCmd() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan DIR|FILE...",
		Short: "Scan Terraform, plan JSON, CloudFormation, ARM templates and Kubernetes manifests for ML platform misconfigurations",
		Long: "Scan Terraform directories (.tf, .tf.json, with their modules and tfvars), Terraform plan\n" +
			"JSON files (terraform show -json), CloudFormation templates (YAML or JSON), Azure Resource\n" +
			"Manager JSON templates and Kubernetes manifests (YAML or JSON, multi-document).\n" +
			"Nothing is downloaded and no credentials are needed.",
		Example: "  mlguard scan examples/aws-insecure\n  mlguard scan --format sarif --output mlguard.sarif .\n" +
			"  mlguard scan --baseline .mlguard-baseline.json infra/",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), cmd.OutOrStdout(), args, f)
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringArrayVar(&f.policies, "policy", nil, "also run the custom Rego policies in this directory or .rego file (repeatable; see docs/policy-input.md)")
	cmd.Flags().BoolVar(&f.dumpInput, "dump-input", false, "print the input document custom policies read, one per scanned unit, and run no rules")
	cmd.Flags().StringVar(&f.compliance, "compliance", "", "add a per-control pass/fail summary for one framework: "+frameworkKeys()+" (text and json output)")
	return cmd
}

// register adds the flags every command that scans a tree shares.
func (f *scanFlags) register(fl *pflag.FlagSet) {
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.severity, "severity", "LOW", "report only findings at or above LOW, MEDIUM, HIGH or CRITICAL")
	fl.StringArrayVar(&f.vars, "var", nil, "set a root module variable, NAME=VALUE (repeatable)")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "read root module variables from a .tfvars or .tfvars.json file (repeatable)")
	fl.StringArrayVar(&f.cfnParams, "cfn-param", nil, "set a CloudFormation template parameter, KEY=VALUE (repeatable; overrides the template's default)")
	fl.StringArrayVar(&f.armParams, "arm-param", nil, "set an ARM template parameter, KEY=VALUE (repeatable; overrides the template's default; a JSON value is read as JSON)")
	fl.StringVar(&f.baseline, "baseline", "", "report only findings not in this baseline file; the file is written when it does not exist")
	fl.BoolVar(&f.updateBaseline, "update-baseline", false, "rewrite the --baseline file with the current findings")
	fl.BoolVar(&f.noInline, "no-inline-suppressions", false, "ignore mlguard:ignore comments in the scanned files")
}

func runScan(ctx context.Context, stdout io.Writer, args []string, f *scanFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	min, err := rule.ParseSeverity(f.severity)
	if err != nil {
		return usageError("--severity: %v", err)
	}
	if !validFormat(f.format) {
		return usageError("--format: unknown format %q (want one of %s)", f.format, strings.Join(report.Formats, ", "))
	}
	fw, err := f.framework()
	if err != nil {
		return err
	}
	opts, err := f.scanOptions()
	if err != nil {
		return err
	}
	if len(f.policies) > 0 {
		custom, err := loadPolicies(ctx, f.policies)
		if err != nil {
			return err
		}
		if opts.Rules == nil {
			opts.Rules = rule.All()
		}
		opts.Rules = append(slices.Clone(opts.Rules), custom...)
	}
	targets, closers, err := openTargets(args)
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	if err != nil {
		return err
	}
	if f.dumpInput {
		return f.dump(ctx, stdout, targets, opts)
	}
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if err := f.writeBaseline(res); err != nil {
		return err
	}
	if err := f.writeReport(stdout, res, report.Options{Version: version(), MinSeverity: min, Compliance: fw}); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	switch {
	case len(res.Errors) > 0:
		return &exitError{code: ExitError}
	case len(report.Active(res, min)) > 0:
		return &exitError{code: ExitFindings}
	}
	return nil
}

// framework reads --compliance; it needs an output format with room for it.
func (f *scanFlags) framework() (*compliance.Framework, error) {
	if f.compliance == "" {
		return nil, nil
	}
	fw, err := compliance.Lookup(f.compliance)
	if err != nil {
		return nil, usageError("--compliance: %v", err)
	}
	for _, name := range report.CompliantFormats {
		if name == f.format {
			return &fw, nil
		}
	}
	return nil, usageError("--compliance works with --format %s, not %s", strings.Join(report.CompliantFormats, " or "), f.format)
}

func frameworkKeys() string {
	var keys []string
	for _, fw := range compliance.Frameworks {
		keys = append(keys, fw.Key)
	}
	return strings.Join(keys, ", ")
}

func validFormat(name string) bool {
	for _, f := range report.Formats {
		if f == name {
			return true
		}
	}
	return false
}

func (f *scanFlags) scanOptions() (scan.Options, error) {
	opts := scan.Options{NoInline: f.noInline, Rules: f.rules, Terraform: terraform.Options{Vars: map[string]string{}}}
	for _, v := range f.vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opts, usageError("--var %q: want NAME=VALUE", v)
		}
		opts.Terraform.Vars[name] = value
	}
	opts.CloudFormation.Params = map[string]string{}
	for _, v := range f.cfnParams {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opts, usageError("--cfn-param %q: want KEY=VALUE", v)
		}
		opts.CloudFormation.Params[name] = value
	}
	opts.ARM.Params = map[string]string{}
	for _, v := range f.armParams {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opts, usageError("--arm-param %q: want KEY=VALUE", v)
		}
		opts.ARM.Params[name] = value
	}
	for _, p := range f.varFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			return opts, usageError("--var-file: %v", err)
		}
		opts.Terraform.VarFiles = append(opts.Terraform.VarFiles, terraform.VarFile{Name: p, Data: data})
	}
	if f.baseline != "" && !f.updateBaseline {
		data, err := os.ReadFile(f.baseline)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return opts, usageError("--baseline: %v", err)
		default:
			b, err := suppress.ParseBaseline(data)
			if err != nil {
				return opts, usageError("--baseline %s: %v", f.baseline, err)
			}
			opts.Baseline = b
		}
	}
	if f.updateBaseline && f.baseline == "" {
		return opts, usageError("--update-baseline needs --baseline FILE")
	}
	return opts, nil
}

// writeBaseline records the findings when the baseline file is new or an
// update was asked for.
func (f *scanFlags) writeBaseline(res *scan.Result) error {
	if f.baseline == "" {
		return nil
	}
	if _, err := os.Stat(f.baseline); err == nil && !f.updateBaseline {
		return nil
	}
	data, err := suppress.NewBaseline(res.Findings).Marshal()
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if err := os.WriteFile(f.baseline, data, 0o644); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("write baseline: %w", err)}
	}
	// Everything now in the baseline is, by definition, not new.
	for i := range res.Findings {
		if res.Findings[i].Suppression == nil {
			res.Findings[i].Suppression = &rule.Suppression{Kind: "baseline", Reason: "recorded in the baseline just written"}
		}
	}
	return nil
}

// dump prints the policy input of every unit; no rule runs.
func (f *scanFlags) dump(ctx context.Context, stdout io.Writer, targets []scan.Target, opts scan.Options) error {
	d := &inputDump{}
	opts.OnInput, opts.Rules = d.add, []*rule.Rule{}
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	w, done, err := f.out(stdout)
	if err != nil {
		return err
	}
	if err := d.write(w); err != nil {
		done()
		return &exitError{code: ExitError, err: err}
	}
	if err := done(); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(os.Stderr, "mlguard: %s\n", e)
	}
	if len(res.Errors) > 0 {
		return &exitError{code: ExitError}
	}
	return nil
}

// out opens --output, or standard output.
func (f *scanFlags) out(stdout io.Writer) (io.Writer, func() error, error) {
	if f.output == "" {
		return stdout, func() error { return nil }, nil
	}
	file, err := os.Create(f.output)
	if err != nil {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("create output: %w", err)}
	}
	return file, file.Close, nil
}

func (f *scanFlags) writeReport(stdout io.Writer, res *scan.Result, opts report.Options) error {
	w := stdout
	opts.Color = f.format == "text" && f.output == "" && isTerminal(stdout)
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		defer file.Close()
		w = file
	}
	return report.Write(w, f.format, res, opts)
}

// openTargets opens each argument as a filesystem rooted at the directory
// (or, for a file, at its parent). os.Root refuses symbolic links that lead
// outside that root, so a scan never reads outside what it was given.
func openTargets(args []string) ([]scan.Target, []io.Closer, error) {
	var targets []scan.Target
	var closers []io.Closer
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, closers, usageError("%v", err)
		}
		dir, rootPath := a, "."
		if !info.IsDir() {
			dir, rootPath = filepath.Dir(a), filepath.Base(a)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, closers, usageError("%v", err)
		}
		closers = append(closers, root)
		prefix := filepath.ToSlash(filepath.Clean(dir))
		if prefix == "." {
			prefix = ""
		}
		targets = append(targets, scan.Target{FS: root.FS(), Root: rootPath, Prefix: prefix})
	}
	return targets, closers, nil
}
