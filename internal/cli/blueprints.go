package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/blueprint"
)

func newBlueprintsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "blueprints",
		Short: "List, describe and start from mlguard's secure ML platform blueprints",
		Long: "Blueprints are Terraform modules (and CloudFormation templates) for the common ML building blocks with the\n" +
			"controls built in, embedded in mlguard. mlguard's tests prove each one with a clean scan, and the AWS ones\n" +
			"with a real offline terraform plan too.",
	}
	cmd.AddCommand(newBlueprintsListCmd(), newBlueprintsShowCmd(), newBlueprintsInitCmd())
	return cmd
}

func newBlueprintsListCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the blueprints",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			all, err := blueprint.List(blueprint.FS())
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), summaries(all))
			}
			if format != "text" {
				return usageError("unknown format %q (want text or json)", format)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tFORMS\tCONTROLS\tTITLE")
			for _, b := range all {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", b.Name, strings.Join(forms(b), ", "), len(b.Controls), b.Title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, json")
	return cmd
}

func newBlueprintsShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "show NAME",
		Short:   "Show what a blueprint builds, its inputs and its controls",
		Example: "  mlguard blueprints show aws/secure-notebook",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := blueprint.Find(blueprint.FS(), args[0])
			if err != nil {
				return usageError("%v", err)
			}
			switch format {
			case "json":
				return writeJSON(cmd.OutOrStdout(), b)
			case "text":
				return showBlueprint(cmd.OutOrStdout(), b)
			}
			return usageError("unknown format %q (want text or json)", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, json")
	return cmd
}

func newBlueprintsInitCmd() *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "init NAME DIR",
		Short: "Write a ready-to-edit root module that uses a blueprint",
		Long: "Write the blueprint's example into DIR as a root module to edit. Without --source the blueprint's module\n" +
			"is written too, under DIR/modules/, and the module call points there; with --source the call points at\n" +
			"the path or git reference given. Existing files are never overwritten.",
		Example: "  mlguard blueprints init aws/private-endpoint ./churn-endpoint\n" +
			"  mlguard blueprints init aws/secure-notebook ./nb --source 'git::https://example.com/ml.git//blueprints/aws/secure-notebook?ref=v1'",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := blueprint.Find(blueprint.FS(), args[0])
			if err != nil {
				return usageError("%v", err)
			}
			written, err := blueprint.Init(blueprint.FS(), b, args[1], source)
			if err != nil {
				return usageError("%v", err)
			}
			w := cmd.OutOrStdout()
			for _, f := range written {
				fmt.Fprintln(w, "wrote", f)
			}
			fmt.Fprintf(w, "\nEdit the values in %s, then: mlguard scan %s\n", args[1], args[1])
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "module source for the call: a path or a git reference (default: a copy under DIR/modules/)")
	return cmd
}

type blueprintSummary struct {
	Name     string   `json:"name"`
	Title    string   `json:"title"`
	Cloud    string   `json:"cloud"`
	Forms    []string `json:"forms"`
	Controls int      `json:"controls"`
}

func summaries(all []*blueprint.Blueprint) []blueprintSummary {
	out := make([]blueprintSummary, 0, len(all))
	for _, b := range all {
		out = append(out, blueprintSummary{b.Name, b.Title, b.Cloud, forms(b), len(b.Controls)})
	}
	return out
}

func forms(b *blueprint.Blueprint) []string {
	if b.CloudFormation != nil {
		return []string{"terraform", "cloudformation"}
	}
	return []string{"terraform"}
}

func showBlueprint(w io.Writer, b *blueprint.Blueprint) error {
	fmt.Fprintf(w, "%s: %s\n\n%s\n\nForms: %s\n\nBuilds:\n", b.Name, b.Title, strings.Join(strings.Fields(b.Summary), " "), strings.Join(forms(b), ", "))
	for _, x := range b.Builds {
		fmt.Fprintf(w, "  - %s\n", x)
	}
	fmt.Fprintln(w, "\nInputs:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, in := range b.Inputs {
		def := "required"
		if !in.Required {
			def = "default " + in.Default
		}
		check := ""
		if in.Validated {
			check = "validated"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", in.Name, in.Type, def, check)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nControls (threat -> control: rules):")
	for _, c := range b.Controls {
		fmt.Fprintf(w, "  - %s\n    -> %s: %s\n", c.Threat, c.Control, strings.Join(c.Rules, ", "))
	}
	fmt.Fprintf(w, "\nStart from it: mlguard blueprints init %s DIR\n", b.Name)
	return nil
}
