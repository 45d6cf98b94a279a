package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/access"
	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/ruledocs"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
)

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "rules", Short: "Describe the built-in rules, audit detectors and access findings"}
	var listOut, showOut output
	list := &cobra.Command{
		Use:   "list",
		Short: "List every rule (scan, iam analyze) and audit detector with its severity and title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := listOut.check(); err != nil {
				return err
			}
			return listOut.write(cmd.OutOrStdout(), func(w io.Writer) error { return listRules(w, listOut.format) })
		},
	}
	listOut.register(list.Flags(), "text", "text", "json")
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show a rule or audit detector: why it matters, how to fix it, defaults it relies on, mappings",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := showOut.check(); err != nil {
				return err
			}
			doc, ok := describe(args[0], showOut.format)
			if !ok {
				return usageError("no rule or detector %q; `mlguard rules list` shows them all", args[0])
			}
			return showOut.write(cmd.OutOrStdout(), func(w io.Writer) error {
				if showOut.format == "json" {
					return writeJSON(w, doc)
				}
				_, err := io.WriteString(w, doc.(string))
				return err
			})
		},
	}
	showOut.register(show.Flags(), "text", "text", "json")
	cmd.AddCommand(list, show)
	return cmd
}

// ruleEntry is one line of `rules list`.
type ruleEntry struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Category string `json:"category,omitempty"`
	Command  string `json:"command"`
	Title    string `json:"title"`
}

func entries() []ruleEntry {
	var out []ruleEntry
	for _, r := range iampolicy.Documented() {
		out = append(out, ruleEntry{r.ID, r.Severity.String(), string(r.Category), ruledocs.Command(r), r.Title})
	}
	for _, d := range audit.Detectors {
		out = append(out, ruleEntry{d.ID, d.Severity.String(), "", "audit", d.Title})
	}
	for _, k := range access.Kinds {
		out = append(out, ruleEntry{k.ID, k.Severity.String(), "", "access", k.Title})
	}
	return out
}

func listRules(w io.Writer, format string) error {
	all := entries()
	if format == "json" {
		return writeJSON(w, all)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tCATEGORY\tCOMMAND\tTITLE")
	for _, e := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.ID, e.Severity, cmp.Or(e.Category, "-"), e.Command, e.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d rules, %d audit detectors and %d access findings. `mlguard rules show ID` describes one.\n",
		len(all)-len(audit.Detectors)-len(access.Kinds), len(audit.Detectors), len(access.Kinds))
	return err
}

// describe finds a rule or detector by ID, in any case, as Markdown text
// or as a value for JSON.
func describe(id, format string) (any, bool) {
	rules := iampolicy.Documented()
	if i := slices.IndexFunc(rules, func(r *rule.Rule) bool { return strings.EqualFold(r.ID, id) }); i >= 0 {
		if format == "json" {
			return rules[i].Metadata, true
		}
		return ruledocs.Markdown(rules[i]), true
	}
	if k := slices.IndexFunc(access.Kinds, func(k access.Kind) bool { return strings.EqualFold(k.ID, id) }); k >= 0 {
		if format == "json" {
			return access.Kinds[k], true
		}
		kd := access.Kinds[k]
		return fmt.Sprintf("# %s: %s\n\n| | |\n|---|---|\n| Severity | %s |\n| Command | `mlguard access` |\n\n%s\n\nSee docs/access.md.\n",
			kd.ID, kd.Title, kd.Severity, kd.Explanation), true
	}
	i := slices.IndexFunc(audit.Detectors, func(d audit.Detector) bool { return strings.EqualFold(d.ID, id) })
	if i < 0 {
		return nil, false
	}
	d := audit.Detectors[i]
	if format == "json" {
		return d, true
	}
	return detectorMarkdown(d), true
}

// detectorMarkdown explains an audit detector as `rules show` explains a rule.
func detectorMarkdown(d audit.Detector) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", d.ID, d.Title)
	fmt.Fprintf(&b, "| | |\n|---|---|\n| Severity | %s |\n| Command | `mlguard audit` |\n| Techniques | %s |\n\n", d.Severity, strings.Join(d.Techniques, ", "))
	fmt.Fprintf(&b, "## What it detects\n\n%s\n\n## What it reads\n\n%s. Without them in the detection window the detector "+
		"cannot fire, and the report says so in a coverage note.\n", d.Explanation, d.Needs)
	return b.String()
}
