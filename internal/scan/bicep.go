package scan

import (
	"context"
	"path"
	"slices"
	"strings"

	adaptarm "github.com/mlguard/mlguard/internal/adapt/arm/azure"
	"github.com/mlguard/mlguard/internal/parse/bicep"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// bicepReader evaluates every Bicep file that no other one uses (as a
// module, or as the template of a .bicepparam file), with the modules it
// calls: a module is judged with the parameters its caller passes, the
// way it is deployed, not again on its own with its defaults.
type bicepReader struct{}

func (bicepReader) read(ctx context.Context, in readInput) (source.Diagnostics, error) {
	var all []string
	for _, f := range in.tree.Files {
		if f.Format == source.FormatBicep || f.Format == source.FormatBicepParams {
			all = append(all, f.Path)
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	files := bicep.NewFiles(func(p string) ([]byte, error) {
		return source.ReadFile(in.tree.FS, p, in.opts.Limits.MaxFileBytes)
	})
	used := map[string]bool{}
	for _, p := range all {
		for _, u := range files.Uses(p) {
			used[path.Clean(u)] = true
			if strings.HasSuffix(u, ".json") {
				// An ARM template deployed as a module: judged with the
				// parameters its caller passes, not again on its own.
				in.claims.claimFiles([]string{path.Clean(u)})
			}
		}
	}
	var roots []string
	for _, p := range all {
		if !used[p] {
			roots = append(roots, p)
		}
	}
	opts := bicep.Options{Params: in.opts.ARM.Params}
	// A module used by several roots says the same thing in each.
	return dedupe(eachDir(ctx, roots, func(ctx context.Context, p string) source.Diagnostics {
		t, diags := files.Load(ctx, p, opts)
		types := make([]string, len(t.Resources))
		for i, r := range t.Resources {
			types[i] = r.Type
		}
		in.check(unit{name: p, types: types, build: func() *rule.Input { return (&rule.Input{Azure: adaptarm.Adapt(t)}).Fill() }})
		return diags
	})), nil
}

// dedupe drops repeated diagnostics, keeping the first.
func dedupe(ds source.Diagnostics) source.Diagnostics {
	seen := map[string]bool{}
	return slices.DeleteFunc(ds, func(d source.Diagnostic) bool {
		k := d.Error() + string(d.Severity)
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}
