package cli

import (
	"cmp"
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
	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/parse/helm"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/suppress"
)

type scanFlags struct {
	out            output
	exit           exitPolicy
	severity       string
	vars, varFiles []string
	cfnParams      []string
	armParams      []string
	helmValues     []string
	helmSets       []string
	baseline       string
	createBaseline bool
	noInline       bool
	allowEmpty     bool
	configFile     string
	compliance     string
	policies       []string
	dumpInput      bool
	classes        []string
	// Presentation of the text report.
	verbose, compact bool
	// rules replaces the registered rules (mlguard iam analyze).
	rules []*rule.Rule
}

func newScanCmd() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan DIR|FILE|-...",
		Short: "Scan IaC, Kubernetes manifests, Helm charts and Dockerfiles for ML platform misconfigurations",
		Long: "Scan Terraform directories (.tf, .tf.json, with their modules and tfvars; aws and awscc\n" +
			"resources), Terraform plan and state JSON (terraform show -json) and terraform.tfstate files,\n" +
			"CloudFormation templates (YAML or JSON; a CDK cdk.out directory with its nested stacks),\n" +
			"Azure Resource Manager JSON templates, Bicep files (.bicep, .bicepparam, with their local\n" +
			"modules), Kubernetes manifests (YAML or JSON, multi-document), Helm charts (a directory with\n" +
			"a Chart.yaml, rendered in process with --helm-values and --helm-set), kustomizations\n" +
			"(built in process; remote bases are not fetched) and Dockerfiles (Dockerfile, Containerfile,\n" +
			"Dockerfile.gpu, train.Dockerfile; read with BuildKit's parser). \"-\" reads one document (not\n" +
			"Terraform HCL, Bicep, a chart or a Dockerfile) from standard input, named <stdin> in reports.\n" +
			"Nothing is downloaded and no credentials are needed.\n\n" +
			"Settings come from --config, else .mlguard.yaml at the scanned directory, else in the working\n" +
			"directory or at the root of the git repository; the file used is named on standard error.\n\n" +
			"Exit codes: 0 nothing at or above --severity, 1 findings (see --exit-code, --soft-fail),\n" +
			"2 usage error, input that could not be read, or nothing to scan at all (see --allow-empty).",
		Example: "  mlguard scan examples/aws-insecure\n  mlguard scan -f sarif -o mlguard.sarif .\n" +
			"  mlguard scan --severity HIGH,CRITICAL --compact infra/\n" +
			"  mlguard scan --create-baseline --baseline .mlguard-baseline.json infra/   # record today's findings\n" +
			"  mlguard scan --baseline .mlguard-baseline.json infra/                     # report only new ones\n" +
			"  mlguard scan --data-classification classes.json infra/                   # stricter rules for storage of personal data\n" +
			"  mlguard scan --helm-values prod-values.yaml --helm-set image.tag=1.4.2 charts/serving\n" +
			"  kustomize build overlays/prod | mlguard scan -",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd, args, f)
		},
	}
	f.register(cmd.Flags(), "findings")
	cmd.Flags().StringArrayVar(&f.policies, "policy", nil, "also run the custom Rego policies in this directory or .rego file (repeatable; see docs/policy-input.md)")
	cmd.Flags().StringArrayVar(&f.classes, "data-classification", nil, "hold storage that this classification file (data scan --classification-out) says holds personal data to stricter rules (repeatable)")
	cmd.Flags().BoolVar(&f.dumpInput, "dump-input", false, "print the input document custom policies read, one per scanned unit, and run no rules")
	cmd.Flags().StringVar(&f.compliance, "compliance", "", "add a per-control pass/fail summary for one framework: "+frameworkKeys()+" (text, json and html output)")
	return cmd
}

// register adds the flags every command that scans a tree shares.
func (f *scanFlags) register(fl *pflag.FlagSet, what string) {
	f.out.register(fl, "text", report.Formats...)
	f.exit.register(fl, what)
	fl.StringVar(&f.severity, "severity", "LOW", "report only "+what+" at or above LOW, MEDIUM, HIGH or CRITICAL (or a list up to CRITICAL: HIGH,CRITICAL)")
	f.registerInputs(fl)
	fl.StringVar(&f.baseline, "baseline", "", "report only "+what+" not recorded in this baseline file, which must exist (see --create-baseline)")
	fl.BoolVar(&f.createBaseline, "create-baseline", false, "record every current finding in the --baseline file, replacing it, and exit 0")
	fl.BoolVar(&f.createBaseline, "update-baseline", false, "the same as --create-baseline")
	_ = fl.MarkHidden("update-baseline")
	fl.BoolVar(&f.allowEmpty, "allow-empty", false, "exit 0, not 2, when the arguments hold nothing mlguard reads")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "text: print why and how to fix with every finding, not once per rule")
	fl.BoolVar(&f.compact, "compact", false, "text: one line per finding, then the summary")
	fl.BoolVarP(&f.compact, "quiet", "q", false, "the same as --compact")
}

// registerInputs adds the flags that say how to read the inputs, which
// every command that reads a tree as scan does shares.
func (f *scanFlags) registerInputs(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.vars, "var", nil, "set a root module variable, NAME=VALUE (repeatable)")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "read root module variables from a .tfvars or .tfvars.json file (repeatable)")
	fl.StringArrayVar(&f.cfnParams, "cfn-param", nil, "set a CloudFormation template parameter, KEY=VALUE (repeatable; overrides the template's default)")
	fl.StringArrayVar(&f.helmValues, "helm-values", nil, "render Helm charts with this values file over their values.yaml (repeatable; later files win)")
	fl.StringArrayVar(&f.helmSets, "helm-set", nil, "set a Helm value, KEY=VALUE in helm --set syntax, over the values files (repeatable)")
	fl.StringArrayVar(&f.armParams, "arm-param", nil, "set an ARM template or Bicep parameter, KEY=VALUE (repeatable; overrides the parameters file, .bicepparam and the default; a JSON value is read as JSON)")
	fl.BoolVar(&f.noInline, "no-inline-suppressions", false, "ignore mlguard:ignore comments in the scanned files")
	fl.StringVar(&f.configFile, "config", "", "settings file to use instead of the .mlguard.yaml found beside the scan")
}

func runScan(cmd *cobra.Command, args []string, f *scanFlags) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	min, err := reportFlags(f.severity, &f.out, &f.exit)
	if err != nil {
		return err
	}
	fw, err := f.framework()
	if err != nil {
		return err
	}
	var custom []*rule.Rule
	if len(f.policies) > 0 {
		if custom, err = loadPolicies(ctx, f.policies); err != nil {
			return err
		}
	}
	opts, targets, done, err := f.prepare(cmd, args, custom)
	if err != nil {
		return err
	}
	defer done()
	if f.dumpInput {
		return f.dump(ctx, stdout, stderr, targets, opts)
	}
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if err := f.writeBaseline(res, stderr); err != nil {
		return err
	}
	ropts := report.Options{Version: version(), MinSeverity: min, Compliance: fw, Color: f.out.color(cmd, stdout),
		Verbose: f.verbose, Compact: f.compact}
	if err := f.out.write(stdout, func(w io.Writer) error { return report.Write(w, f.out.format, res, ropts) }); err != nil {
		return err
	}
	if f.out.format != "text" || f.out.toFile() {
		// The report lists them; say so where a person looks.
		if n, m := len(res.Errors), len(res.Warnings); n+m > 0 {
			fmt.Fprintf(stderr, "mlguard: %s could not be read, %s (listed in the report)\n", report.Plural(n, "input"), report.Plural(m, "warning"))
		}
	}
	switch {
	case len(res.Errors) > 0:
		return &exitError{code: ExitError}
	case len(res.Files) == 0 && !f.allowEmpty:
		return &exitError{code: ExitError, err: fmt.Errorf("nothing to scan in %s: no file mlguard reads (--allow-empty exits 0 instead)", strings.Join(args, " "))}
	case len(report.Active(res, min)) > 0:
		return f.exit.findings()
	}
	return nil
}

// prepare reads the input flags, the classification files and the
// settings, and opens the inputs: what every command that reads a tree as
// scan does does first. custom rules run beside the built-in ones. done
// closes the inputs.
func (f *scanFlags) prepare(cmd *cobra.Command, args []string, custom []*rule.Rule) (scan.Options, []scan.Target, func(), error) {
	stderr := cmd.ErrOrStderr()
	opts, err := f.scanOptions()
	if err != nil {
		return opts, nil, nil, err
	}
	if opts.DataClassification, err = f.classification(stderr); err != nil {
		return opts, nil, nil, err
	}
	if len(custom) > 0 {
		if opts.Rules == nil {
			opts.Rules = rule.All()
		}
		opts.Rules = append(slices.Clone(opts.Rules), custom...)
	}
	opts.KnownRules = knownRules(opts.Rules)
	ins, err := openInputs(args, cmd.InOrStdin())
	if err != nil {
		return opts, nil, nil, err
	}
	targets, err := f.targets(ins, stderr)
	if err != nil {
		closeInputs(ins)
		return opts, nil, nil, err
	}
	return opts, targets, func() { closeInputs(ins) }, nil
}

// knownRules are the IDs that settings and comments may name: every rule
// mlguard has (scan's and iam analyze's) and the custom ones loaded.
func knownRules(extra []*rule.Rule) map[string]bool {
	known := map[string]bool{}
	for _, r := range append(iampolicy.Documented(), extra...) {
		known[strings.ToUpper(r.ID)] = true
	}
	return known
}

// targets turns the opened inputs into scan targets with the settings that
// apply to each, saying on stderr which settings file is used.
func (f *scanFlags) targets(ins []input, stderr io.Writer) ([]scan.Target, error) {
	var explicit *config.Config
	if f.configFile != "" {
		c, err := readConfig(f.configFile)
		if err != nil {
			return nil, usageError("--config: %v", err)
		}
		explicit = c
	}
	said := map[string]bool{}
	say := func(name string) {
		if !said[name] {
			said[name] = true
			fmt.Fprintf(stderr, "mlguard: using settings from %s\n", name)
		}
	}
	cwd, _ := os.Getwd()
	var targets []scan.Target
	for _, in := range ins {
		t := scan.Target{FS: in.fsys, Root: in.root, Prefix: in.prefix, Anchor: in.anchor()}
		switch {
		case in.dir == "":
		case explicit != nil:
			t.Config, t.ConfigBase = explicit, configBase(f.configFile, in.dir)
			say(f.configFile)
		case exists(filepath.Join(in.dir, config.FileName)):
			say(filepath.Join(cmp.Or(in.prefix, "."), config.FileName))
		default:
			for _, dir := range []string{cwd, in.repo} {
				name := filepath.Join(dir, config.FileName)
				if dir == "" || !within(dir, in.dir) || !exists(name) {
					continue
				}
				c, err := readConfig(name)
				if err != nil {
					return nil, usageError("%v", err)
				}
				t.Config, t.ConfigBase = c, configBase(name, in.dir)
				say(shortPath(cwd, name))
				break
			}
		}
		targets = append(targets, t)
	}
	return targets, nil
}

func readConfig(name string) (*config.Config, error) {
	data, err := source.ReadPath(name, maxInputBytes)
	if err != nil {
		return nil, source.PlainError(err)
	}
	return config.Parse(name, data)
}

// configBase is the path from a settings file's directory to dir, which
// the file's path patterns are relative to ("" when dir is not below it).
func configBase(configFile, dir string) string {
	abs, err := filepath.Abs(filepath.Dir(configFile))
	if err != nil || !within(abs, dir) {
		return ""
	}
	rel, _ := filepath.Rel(abs, dir)
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// shortPath names p relative to the working directory when it is below it.
func shortPath(cwd, p string) string {
	if rel, err := filepath.Rel(cwd, p); err == nil && within(cwd, p) {
		return rel
	}
	return p
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
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
	if slices.Contains(report.CompliantFormats, strings.ToLower(f.out.format)) {
		return &fw, nil
	}
	return nil, usageError("--compliance works with --format %s, not %s", orList(report.CompliantFormats), f.out.format)
}

func frameworkKeys() string {
	var keys []string
	for _, fw := range compliance.Frameworks {
		keys = append(keys, fw.Key)
	}
	return strings.Join(keys, ", ")
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
	var vfs []helm.ValuesFile
	for _, p := range f.helmValues {
		data, err := source.ReadPath(p, maxInputBytes)
		if err != nil {
			return opts, usageError("--helm-values: %v", source.PlainError(err))
		}
		vfs = append(vfs, helm.ValuesFile{Name: p, Data: data})
	}
	vals, err := helm.Values(vfs, f.helmSets)
	if err != nil {
		return opts, usageError("--helm-values/--helm-set: %v", err)
	}
	opts.Helm.Values = vals
	for _, p := range f.varFiles {
		data, err := source.ReadPath(p, maxInputBytes)
		if err != nil {
			return opts, usageError("--var-file: %v", source.PlainError(err))
		}
		opts.Terraform.VarFiles = append(opts.Terraform.VarFiles, terraform.VarFile{Name: p, Data: data})
	}
	switch {
	case f.createBaseline && f.baseline == "":
		return opts, usageError("--create-baseline needs --baseline FILE")
	case f.baseline != "" && !f.createBaseline:
		data, err := source.ReadPath(f.baseline, maxInputBytes)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return opts, usageError("--baseline %s: no such file; record the current findings in it first with --create-baseline", f.baseline)
		case err != nil:
			return opts, usageError("--baseline: %v", source.PlainError(err))
		}
		b, err := suppress.ParseBaseline(data)
		if err != nil {
			return opts, usageError("--baseline %s: %v", f.baseline, err)
		}
		opts.Baseline = b
	}
	return opts, nil
}

// classification reads the --data-classification files, saying on stderr
// which of their datasets name no storage location.
func (f *scanFlags) classification(stderr io.Writer) (*dataclass.Map, error) {
	var m *dataclass.Map
	for _, p := range f.classes {
		data, err := source.ReadPath(p, maxInputBytes)
		if err != nil {
			return nil, usageError("--data-classification: %v", source.PlainError(err))
		}
		c, warnings, err := dataclass.ReadFile(p, data)
		if err != nil {
			return nil, usageError("--data-classification: %v", err)
		}
		for _, w := range warnings {
			fmt.Fprintf(stderr, "mlguard: warning: %s\n", w)
		}
		m = dataclass.Merge(m, c)
	}
	return m, nil
}

// writeBaseline records the findings when --create-baseline asks for it.
func (f *scanFlags) writeBaseline(res *scan.Result, stderr io.Writer) error {
	if !f.createBaseline {
		return nil
	}
	b := suppress.NewBaseline(res.Findings)
	data, err := b.Marshal()
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if err := os.WriteFile(f.baseline, data, 0o644); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("--baseline: cannot write %v", source.PlainError(err))}
	}
	fmt.Fprintf(stderr, "mlguard: baseline written to %s (%s)\n", f.baseline, report.Plural(len(b.Findings), "finding"))
	// Everything now in the baseline is, by definition, not new.
	for i := range res.Findings {
		if res.Findings[i].Suppression == nil {
			res.Findings[i].Suppression = &rule.Suppression{Kind: "baseline", Reason: "recorded in the baseline just written"}
		}
	}
	return nil
}

// dump prints the policy input of every unit; no rule runs.
func (f *scanFlags) dump(ctx context.Context, stdout, stderr io.Writer, targets []scan.Target, opts scan.Options) error {
	d := &inputDump{}
	opts.OnInput, opts.Rules = d.add, []*rule.Rule{}
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if err := f.out.write(stdout, d.write); err != nil {
		return err
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "mlguard: %s\n", e.Error())
	}
	if len(res.Errors) > 0 {
		return &exitError{code: ExitError}
	}
	return nil
}
