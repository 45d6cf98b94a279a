package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/guardrail"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/source"
)

// Compile targets.
const (
	targetSCP       = "aws-scp"
	targetOrgPolicy = "gcp-org-policy"
	targetAzure     = "azure-policy"
)

func newGuardrailsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "guardrails", Short: "Compile ML guardrails into SCPs, org policies and Azure Policy; replay CloudTrail against SCPs"}
	var spec, target, outDir string
	var out output
	compile := &cobra.Command{
		Use:   "compile --target aws-scp|gcp-org-policy|azure-policy",
		Short: "Compile a guardrail spec (the built-in default without --spec) into preventive controls",
		Long: "Compile a guardrail spec into AWS SCPs, Google Cloud organization policies or Azure Policy definitions.\n" +
			"The policies go to standard output (or -o FILE); with --out-dir, one file per policy goes into that\n" +
			"directory and the list of files written is printed. Warnings go to standard error.",
		Example: "  mlguard guardrails compile --target aws-scp\n" +
			"  mlguard guardrails compile --target gcp-org-policy --spec guardrails.yaml --out-dir org-policies/",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCompile(cmd.OutOrStdout(), cmd.ErrOrStderr(), spec, target, outDir, &out)
		},
	}
	compile.Flags().StringVar(&target, "target", "", "what to compile to: aws-scp, gcp-org-policy or azure-policy")
	compile.Flags().StringVar(&spec, "spec", "", "guardrail spec `FILE` (YAML); 'mlguard guardrails spec' prints the default to start from")
	compile.Flags().StringVar(&outDir, "out-dir", "", "write one file per policy into `DIR` and list the files written")
	out.register(compile.Flags(), "text", "text", "json")

	var scps []string
	var replaySpec string
	var replayOut output
	replay := &cobra.Command{
		Use:   "replay --scp FILE... LOGS...",
		Short: "Replay SageMaker create and update calls from CloudTrail against SCPs",
		Long: "Evaluates every SageMaker create/update call recorded in CloudTrail against the SCPs with\n" +
			"mlguard's IAM engine, and judges each call by the guardrail spec: blocked (insecure, denied),\n" +
			"gap (insecure, allowed), over-blocked (secure, denied) or passed. \"-\" reads logs from standard input.\n" +
			"Exit codes: 0 no gaps, 1 gaps, 2 unreadable input.",
		Example: "  mlguard guardrails compile --target aws-scp --out-dir scps/\n" +
			"  mlguard guardrails replay --scp scps/mlguard-ml-guardrails-1.json examples/guardrails/trail",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReplay(cmd.Context(), cmd.OutOrStdout(), cmd.InOrStdin(), scps, replaySpec, &replayOut, args)
		},
	}
	replay.Flags().StringArrayVar(&scps, "scp", nil, "an SCP `FILE` (JSON policy document); repeatable, all taken as attached together")
	replay.Flags().StringVar(&replaySpec, "spec", "", "guardrail spec `FILE` that says which calls are insecure (default: the built-in spec)")
	replayOut.register(replay.Flags(), "text", "text", "json")

	show := &cobra.Command{
		Use:   "spec",
		Short: "Print the built-in guardrail spec, to copy and change",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(guardrail.DefaultYAML())
			return err
		},
	}
	cmd.AddCommand(compile, replay, show)
	return cmd
}

func loadSpec(path string) (*guardrail.Spec, error) {
	if path == "" {
		return guardrail.Default(), nil
	}
	data, err := source.ReadPath(path, maxInputBytes)
	if err != nil {
		return nil, usageError("--spec: %v", source.PlainError(err))
	}
	s, err := guardrail.Parse(path, data)
	if err != nil {
		return nil, usageError("--spec: %v", err)
	}
	return s, nil
}

func runCompile(stdout, stderr io.Writer, specPath, target, outDir string, out *output) error {
	if err := out.check(); err != nil {
		return err
	}
	spec, err := loadSpec(specPath)
	if err != nil {
		return err
	}
	var files map[string][]byte
	var result any
	var warnings []string
	var text func(io.Writer) error
	switch target {
	case targetSCP:
		set, err := guardrail.CompileSCPs(spec)
		if err != nil {
			return &exitError{code: ExitError, err: err}
		}
		result, files, warnings, text = set, scpFiles(set), set.Warnings, func(w io.Writer) error { return writeSCPs(w, set) }
	case targetOrgPolicy:
		set := guardrail.CompileOrgPolicies(spec)
		files = map[string][]byte{}
		for _, p := range set.Policies {
			b, _ := yaml.Marshal(p)
			files[filepath.Base(p.Name)+".yaml"] = b
		}
		result, warnings, text = set, set.Warnings, func(w io.Writer) error { return writeFiles(w, files, "#") }
	case targetAzure:
		set := guardrail.CompileAzurePolicies(spec)
		files = map[string][]byte{}
		for _, d := range set.Definitions {
			b, _ := json.MarshalIndent(d, "", "  ")
			files[d.Name+".json"] = append(b, '\n')
		}
		result, warnings, text = set, set.Warnings, func(w io.Writer) error { return writeFiles(w, files, "//") }
	default:
		return usageError("--target: want %s, %s or %s", targetSCP, targetOrgPolicy, targetAzure)
	}
	for _, warn := range warnings {
		fmt.Fprintf(stderr, "mlguard: warning: %s\n", warn)
	}
	if outDir != "" {
		return writeOutDir(stdout, outDir, files)
	}
	if out.format == "json" {
		return out.write(stdout, func(w io.Writer) error { return writeJSON(w, result) })
	}
	return out.write(stdout, text)
}

// writeOutDir writes one file per policy and lists what it wrote.
func writeOutDir(stdout io.Writer, dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("--out-dir: %w", source.PlainError(err))}
	}
	for _, name := range sortedNames(files) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("--out-dir: %w", source.PlainError(err))}
		}
		fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", p, len(files[name]))
	}
	return nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// scpFiles are the SCPs minified, as AWS counts their size.
func scpFiles(set *guardrail.SCPSet) map[string][]byte {
	files := map[string][]byte{}
	for _, p := range set.Policies {
		b, _ := json.Marshal(p.Document)
		files[p.Name+".json"] = append(b, '\n')
	}
	return files
}

func writeSCPs(w io.Writer, set *guardrail.SCPSet) error {
	for _, p := range set.Policies {
		b, _ := json.MarshalIndent(p.Document, "", "  ")
		fmt.Fprintf(w, "// %s.json: %d of %d characters (written minified by --out-dir)\n%s\n\n", p.Name, p.Chars, guardrail.MaxSCPChars, b)
	}
	fmt.Fprintln(w, "Statements and the actions they cover:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, s := range set.Statements {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", s.Statement.Sid, s.Guardrail, s.Policy, strings.Join(s.Statement.Action, ", "))
	}
	tw.Flush()
	for _, s := range set.Statements {
		if s.Note != "" {
			fmt.Fprintf(w, "  note %s: %s\n", s.Statement.Sid, s.Note)
		}
	}
	return nil
}

func writeFiles(w io.Writer, files map[string][]byte, comment string) error {
	for _, name := range sortedNames(files) {
		fmt.Fprintf(w, "%s %s\n%s\n", comment, name, strings.TrimRight(string(files[name]), "\n"))
		fmt.Fprintln(w)
	}
	return nil
}

func sortedNames(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// readTrails reads every CloudTrail file under each argument ("-" is
// standard input), handing each record to fn; unreadable records are
// collected with file and line.
func readTrails(ctx context.Context, args []string, stdin io.Reader, fn func(*cloudtrail.Record)) (read int, rejected []cloudtrail.Rejected, err error) {
	ins, err := openInputs(args, stdin)
	if err != nil {
		return 0, nil, err
	}
	defer closeInputs(ins)
	for _, in := range ins {
		files, err := cloudtrail.Files(in.fsys, in.root)
		if err != nil {
			return read, rejected, usageError("%v", source.PlainError(err))
		}
		shown := func(p string) string { return path.Join(in.prefix, p) }
		for _, f := range files {
			err := cloudtrail.ReadFile(ctx, in.fsys, f, cloudtrail.DefaultLimits,
				func(r *cloudtrail.Record) error {
					read++
					r.File = shown(r.File)
					fn(r)
					return nil
				},
				func(r cloudtrail.Rejected) {
					r.File = shown(r.File)
					rejected = append(rejected, r)
				})
			if err != nil {
				rejected = append(rejected, cloudtrail.Rejected{File: shown(f), Reason: source.PlainError(err).Error()})
			}
		}
	}
	return read, rejected, nil
}

func runReplay(ctx context.Context, stdout io.Writer, stdin io.Reader, scpPaths []string, specPath string, out *output, args []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := out.check(); err != nil {
		return err
	}
	if len(scpPaths) == 0 {
		return usageError("--scp: give at least one SCP (mlguard guardrails compile --target aws-scp --out-dir DIR writes them)")
	}
	spec, err := loadSpec(specPath)
	if err != nil {
		return err
	}
	var scps []guardrail.NamedSCP
	for _, p := range scpPaths {
		data, err := source.ReadPath(p, maxInputBytes)
		if err != nil {
			return usageError("--scp: %v", source.PlainError(err))
		}
		pol, err := iam.Parse(data)
		if err != nil {
			return usageError("--scp %s: %v", p, err)
		}
		scps = append(scps, guardrail.NamedSCP{Name: filepath.Base(p), Policy: pol})
	}
	r, err := guardrail.NewReplayer(scps, spec)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	var calls []guardrail.Call
	var bad []cloudtrail.Rejected
	read, rejected, err := readTrails(ctx, args, stdin, func(rec *cloudtrail.Record) {
		c, ok, err := r.Replay(rec)
		switch {
		case err != nil:
			bad = append(bad, cloudtrail.Rejected{File: rec.File, Line: rec.Line, Reason: err.Error()})
		case ok:
			calls = append(calls, c)
		}
	})
	if err != nil {
		return err
	}
	rejected = append(rejected, bad...)
	counts := map[string]int{}
	for _, c := range calls {
		counts[c.Verdict]++
	}
	err = out.write(stdout, func(w io.Writer) error {
		if out.format == "json" {
			return writeJSON(w, map[string]any{"calls": calls, "summary": counts, "records_read": read, "rejected": rejected,
				"assumed_full_aws_access": r.AssumedFullAccess})
		}
		return writeReplay(w, calls, counts, read, rejected, r.AssumedFullAccess)
	})
	switch {
	case err != nil:
		return err
	case len(rejected) > 0:
		return &exitError{code: ExitError}
	case counts[guardrail.Gap] > 0:
		return &exitError{code: ExitFindings}
	}
	return nil
}

func writeReplay(w io.Writer, calls []guardrail.Call, counts map[string]int, read int, rejected []cloudtrail.Rejected, assumed bool) error {
	for _, verdict := range []string{guardrail.Gap, guardrail.OverBlocked, guardrail.Blocked, guardrail.Passed} {
		for _, c := range calls {
			if c.Verdict != verdict {
				continue
			}
			where := fmt.Sprintf("%s:%d", c.File, c.Line)
			if c.Line == 0 {
				where = c.File + " " + c.EventID
			}
			fmt.Fprintf(w, "%-12s %s  %s  %s  %s\n", strings.ToUpper(c.Verdict), c.Time, report.Clean(c.Action), report.Clean(c.Principal), report.Clean(where))
			if len(c.Violates) > 0 {
				fmt.Fprintf(w, "             breaks: %s\n", strings.Join(c.Violates, ", "))
			}
			if len(c.DeniedBy) > 0 {
				fmt.Fprintf(w, "             denied by: %s\n", strings.Join(c.DeniedBy, ", "))
			}
		}
	}
	for _, r := range rejected {
		fmt.Fprintf(w, "rejected: %s:%d: %s\n", report.Clean(r.File), r.Line, report.Clean(r.Reason))
	}
	if assumed {
		fmt.Fprintln(w, "note: no SCP given allows anything, so FullAWSAccess is taken as attached beside them")
	}
	_, err := fmt.Fprintf(w, "\n%s replayed of %s: %d blocked, %d gaps, %d over-blocked, %d passed\n",
		report.Plural(len(calls), "SageMaker create/update call"), report.Plural(read, "record"), counts[guardrail.Blocked], counts[guardrail.Gap], counts[guardrail.OverBlocked], counts[guardrail.Passed])
	return err
}
