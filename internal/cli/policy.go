package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/policy"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
	"github.com/mlguard/mlguard/internal/source"
)

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "policy", Short: "Work with custom Rego policies"}
	var out output
	test := &cobra.Command{
		Use:   "test DIR|FILE...",
		Short: "Check custom policies and run their Rego unit tests (*_test.rego)",
		Long: "Loads the policies as `mlguard scan --policy` does (a METADATA or compile error fails the\n" +
			"command with its file and line) and runs every test_ rule of their *_test.rego files.\n" +
			"Exit codes: 0 every test passed, 1 a test failed, 2 a policy could not be loaded.",
		Example: "  mlguard policy test examples/policies",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPolicyTest(cmd.Context(), cmd.OutOrStdout(), args, &out)
		},
	}
	out.register(test.Flags(), "text", "text", "json")
	cmd.AddCommand(test)
	return cmd
}

// policyRoot opens a policy directory or a single .rego file.
func policyRoot(arg string) (fsys policyFS, root string, err error) {
	info, err := os.Stat(arg)
	if err != nil {
		return policyFS{}, "", usageError("%v", source.PlainError(err))
	}
	if info.IsDir() {
		return policyFS{dir: arg}, ".", nil
	}
	return policyFS{dir: filepath.Dir(arg)}, filepath.Base(arg), nil
}

// policyFS is a directory of policies; file names in messages are joined to
// it so they can be opened from where mlguard was run.
type policyFS struct{ dir string }

func (p policyFS) options() policy.Options {
	return policy.Options{Reserved: builtinID, Prefix: p.dir}
}

func (p policyFS) load(ctx context.Context, root string) (*policy.Set, error) {
	return policy.Load(ctx, os.DirFS(p.dir), root, p.options())
}

// builtinID reports an ID a built-in rule has, which a policy may not take.
func builtinID(id string) bool {
	for _, r := range iampolicy.Documented() {
		if r.ID == id {
			return true
		}
	}
	return false
}

// loadPolicies compiles every --policy argument into rules.
func loadPolicies(ctx context.Context, args []string) ([]*rule.Rule, error) {
	var out []*rule.Rule
	seen := map[string]string{}
	for _, a := range args {
		p, root, err := policyRoot(a)
		if err != nil {
			return nil, err
		}
		set, err := p.load(ctx, root)
		if err != nil {
			return nil, &exitError{code: ExitError, err: fmt.Errorf("--policy %s:\n%w", a, err)}
		}
		for _, r := range set.Rules {
			if prev, dup := seen[r.ID]; dup {
				return nil, usageError("--policy: rule %s is declared in %s and in %s", r.ID, prev, a)
			}
			seen[r.ID] = a
			out = append(out, r)
		}
	}
	return out, nil
}

func runPolicyTest(ctx context.Context, stdout io.Writer, args []string, out *output) error {
	if err := out.check(); err != nil {
		return err
	}
	var all []policy.TestResult
	for _, a := range args {
		p, root, err := policyRoot(a)
		if err != nil {
			return err
		}
		rs, err := policy.Test(ctx, os.DirFS(p.dir), root, p.options())
		if err != nil {
			return &exitError{code: ExitError, err: err}
		}
		all = append(all, rs...)
	}
	if len(all) == 0 {
		return usageError("no test_ rules in the *_test.rego files of %s", strings.Join(args, ", "))
	}
	failed := 0
	for _, r := range all {
		if !r.Pass && !r.Skip {
			failed++
		}
	}
	if err := out.write(stdout, func(w io.Writer) error {
		if out.format == "json" {
			return writeJSON(w, map[string]any{"tests": all, "failed": failed})
		}
		return writeTests(w, all, failed)
	}); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: ExitFindings}
	}
	return nil
}

func writeTests(w io.Writer, all []policy.TestResult, failed int) error {
	for _, r := range all {
		status := "PASS"
		switch {
		case r.Skip:
			status = "SKIP"
		case !r.Pass:
			status = "FAIL"
		}
		fmt.Fprintf(w, "%s  %s.%s  (%s:%d)\n", status, strings.TrimPrefix(r.Package, "data."), r.Name, r.File, r.Line)
		if r.Error != "" {
			fmt.Fprintf(w, "      %s\n", report.Clean(r.Error))
		}
		if r.Output != "" && !r.Pass {
			fmt.Fprintf(w, "      print: %s\n", report.Clean(strings.TrimSpace(r.Output)))
		}
	}
	_, err := fmt.Fprintf(w, "\n%s, %d passed, %d failed\n", report.Plural(len(all), "test"), len(all)-failed, failed)
	return err
}

// inputDump gathers each unit's rule input for --dump-input.
type inputDump struct {
	mu    sync.Mutex
	units []dumpedUnit
}

type dumpedUnit struct {
	Unit  string          `json:"unit"`
	Input json.RawMessage `json:"input"`
	err   error
}

func (d *inputDump) add(unit string, in *rule.Input) {
	b, err := policy.Input(in)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.units = append(d.units, dumpedUnit{Unit: unit, Input: b, err: err})
}

func (d *inputDump) write(w io.Writer) error {
	sort.Slice(d.units, func(i, j int) bool { return d.units[i].Unit < d.units[j].Unit })
	for _, u := range d.units {
		if u.err != nil {
			return fmt.Errorf("%s: %w", u.Unit, u.err)
		}
	}
	b, err := json.MarshalIndent(map[string]any{"units": d.units}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
