package cli

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/threat"
)

func newThreatModelCmd() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "threatmodel DIR|FILE...",
		Short: "Build the threat model of an ML platform from its infrastructure as code",
		Long: "Read the same inputs as scan and build a threat model from them: a data-flow model of external\n" +
			"entities, processes and data stores, the flows between them (from the links of the typed model:\n" +
			"reads, writes, assumes, encrypts with, invokes) and the trust boundaries (account, project or\n" +
			"subscription, VPC and its public subnets, Azure VNet, Kubernetes namespace, the internet); then each\n" +
			"threat of the catalogue (STRIDE, MITRE ATLAS and ATT&CK) on each element it applies to, mitigated\n" +
			"(the rules that check it had the element to check and found nothing), open (naming the findings\n" +
			"that leave it open) or unknown (saying what could not be known). Attack paths are the chains from\n" +
			"the internet through elements with open threats. Formats: Markdown (for a pull request), JSON\n" +
			"(versioned, see docs/threatmodel.md) and one self-contained HTML page with the diagram.\n\n" +
			"Exit codes: 0 the model was written, 2 usage error, input that could not be read, or nothing to model.",
		Example: "  mlguard threatmodel examples/platform/terraform\n" +
			"  mlguard threatmodel --format html -o tm.html infra/\n" +
			"  mlguard threatmodel -f json infra/ | jq '.summary'",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runThreatModel(cmd, args, f) },
	}
	fl := cmd.Flags()
	f.out.register(fl, "markdown", report.ThreatFormats...)
	f.registerInputs(fl)
	fl.StringArrayVar(&f.classes, "data-classification", nil, "a classification file (data scan --classification-out): storage of personal data is held to the data rules (repeatable)")
	return cmd
}

func runThreatModel(cmd *cobra.Command, args []string, f *scanFlags) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if err := f.out.check(); err != nil {
		return err
	}
	cat, err := threat.Builtin()
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	opts, targets, done, err := f.prepare(cmd, args, nil)
	if err != nil {
		return err
	}
	defer done()
	units := &threat.Units{}
	opts.OnInput = units.Add
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	tm := threat.Build(units.List(), res, cat)
	if f.out.format == "html" {
		if _, err := exec.LookPath("dot"); err != nil {
			fmt.Fprintf(stderr, "mlguard: warning: %v\n", report.ErrNoGraphviz)
		}
	}
	ropts := report.Options{Version: version()}
	if err := f.out.write(stdout, func(w io.Writer) error { return report.WriteThreatModel(ctx, w, f.out.format, tm, ropts) }); err != nil {
		return err
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "mlguard: %s\n", e.Error())
	}
	switch {
	case len(res.Errors) > 0:
		return &exitError{code: ExitError}
	case len(res.Files) == 0:
		return &exitError{code: ExitError, err: fmt.Errorf("nothing to model in %s: no file mlguard reads", strings.Join(args, " "))}
	}
	return nil
}
