package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/ruledocs"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
)

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "rules", Short: "Describe the built-in rules"}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List every rule with its severity and title",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return listRules(cmd.OutOrStdout()) },
	}, &cobra.Command{
		Use:   "show RULE-ID",
		Short: "Show a rule: why it matters, how to fix it, defaults it relies on, framework mappings",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			i := slices.IndexFunc(iampolicy.Documented(), func(r *rule.Rule) bool { return strings.EqualFold(r.ID, args[0]) })
			if i < 0 {
				return usageError("no rule %q; `mlguard rules list` shows them all", args[0])
			}
			_, err := io.WriteString(cmd.OutOrStdout(), ruledocs.Markdown(iampolicy.Documented()[i]))
			return err
		},
	})
	return cmd
}

func listRules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tCATEGORY\tCOMMAND\tTITLE")
	rules := iampolicy.Documented()
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Category, cmp.Or(r.Command, "scan"), r.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d rules. `mlguard rules show ID` describes one.\n", len(rules))
	return err
}
