package policy

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego unit test (a test_ rule).
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Pass     bool          `json:"pass"`
	Skip     bool          `json:"skip,omitempty"`
	Error    string        `json:"error,omitempty"`
	Output   string        `json:"output,omitempty"` // what print() wrote
	Duration time.Duration `json:"duration_ns"`
}

// Test loads the policies under root with their *_test.rego files, checks
// them as Load does, and runs every test_ rule. Each test has OPA's default
// five seconds; a test that runs longer fails.
func Test(ctx context.Context, fsys fs.FS, root string, opts Options) ([]TestResult, error) {
	opts.Tests = true
	set, err := Load(ctx, fsys, root, opts)
	if err != nil {
		return nil, err
	}
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, fmt.Errorf("policy test: %w", err)
	}
	defer store.Abort(ctx, txn)
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetModules(set.Modules).
		CapturePrintOutput(true).
		RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("policy test: %w", located(err))
	}
	var out []TestResult
	for r := range ch {
		t := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass(), Skip: r.Skip, Output: string(r.Output), Duration: r.Duration}
		if r.Location != nil {
			t.File, t.Line = r.Location.File, r.Location.Row
		}
		switch {
		case r.Error != nil:
			t.Error = r.Error.Error()
		case r.Fail:
			t.Error = "failed"
			if r.FailedAt != nil && r.FailedAt.Location != nil {
				t.Error = fmt.Sprintf("failed at %s:%d: %s", r.FailedAt.Location.File, r.FailedAt.Location.Row, r.FailedAt)
			}
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}
