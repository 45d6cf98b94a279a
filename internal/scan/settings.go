package scan

import (
	"context"
	"strings"

	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/suppress"
)

// checkSettings warns about settings that silently do nothing: a rule ID
// that no rule has (a typo in disabled_rules disables nothing) and ignore
// entries whose expiry date has passed.
func (ts *targetScan) checkSettings() source.Diagnostics {
	var ds source.Diagnostics
	file := ts.cfg.File
	if file == "" {
		return nil
	}
	if ts.t.Config == nil {
		file = display(ts.t, file) // read from the target; others are named as given
	}
	at := func(line int) source.Range { return source.Range{File: file, StartLine: line, EndLine: line} }
	for _, ref := range ts.cfg.Rules {
		if !ts.known(ref.ID) {
			ds.Warnf(at(ref.Line), "Unknown rule in settings", "%s names %q, which is not a rule; it has no effect (`mlguard rules list` shows the IDs)", ref.Key, ref.ID)
		}
	}
	for _, ig := range ts.cfg.Ignore {
		if config.Expired(ig.Expires, ts.opts.Now) {
			ds.Warnf(at(ig.Line), "Expired ignore", "the ignore of %s expired on %s; the findings it covered are reported again", ig.Rule, ig.Expires)
		}
	}
	return ds
}

// known reports whether a rule ID names a rule, in any case (rule IDs are
// upper case, and suppressions match them in any case).
func (ts *targetScan) known(id string) bool { return ts.opts.KnownRules[strings.ToUpper(id)] }

// checkComments reads the suppression comments of every file that can hold
// them and warns about the ones that suppress nothing: a rule ID that does
// not exist, no rule ID at all, or an expiry date that has passed. It runs
// before the rules, and what it reads is what inlineFor then answers from.
func (ts *targetScan) checkComments(ctx context.Context, tree *source.Tree) source.Diagnostics {
	var files []source.File
	for _, f := range tree.Files {
		switch f.Format {
		case source.FormatTerraform, source.FormatCloudFormation, source.FormatKubernetes, source.FormatARM:
			files = append(files, f)
		}
	}
	return readParallel(ctx, tree, files, ts.opts.Limits.MaxFileBytes,
		func(_ context.Context, _ int, f source.File, data []byte) source.Diagnostics {
			// Kept for inlineFor, which would otherwise read the file again.
			in := suppress.NewInline(data)
			ts.mu.Lock()
			ts.inline[f.Path] = in
			ts.mu.Unlock()
			var ds source.Diagnostics
			for _, m := range suppress.Markers(data) {
				at := source.Range{File: f.Path, StartLine: m.Line, EndLine: m.Line}
				if len(m.IDs) == 0 {
					ds.Warnf(at, "Suppression names no rule", "write mlguard:ignore RULE-ID[,RULE-ID] [exp:YYYY-MM-DD] reason; this comment suppresses nothing")
					continue
				}
				for _, id := range m.IDs {
					if !ts.known(id) {
						ds.Warnf(at, "Unknown rule in suppression", "%q is not a rule; the comment does not suppress it (`mlguard rules list` shows the IDs)", id)
					}
				}
				if config.Expired(m.Expires, ts.opts.Now) {
					ds.Warnf(at, "Expired suppression", "the suppression of %s expired on %s; the findings it covered are reported again", strings.Join(m.IDs, ", "), m.Expires)
				}
			}
			return ds
		})
}
