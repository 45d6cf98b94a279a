package cli

import (
	"regexp"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
)

func newIAMCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "iam",
		Short: "Prove and write least privilege for the identities that train and serve models",
	}
	cmd.AddCommand(newIAMAnalyzeCmd(), newIAMScopeCmd(), newIAMFromTrailCmd())
	return cmd
}

var accountID = regexp.MustCompile(`^\d{12}$`)

func newIAMAnalyzeCmd() *cobra.Command {
	f := &scanFlags{}
	var account string
	cmd := &cobra.Command{
		Use:   "analyze FILE|DIR...",
		Short: "Analyse IAM policies in policy JSON files, Terraform, plan JSON and CloudFormation",
		Long: "Analyse every IAM policy found: policy JSON files (identity, resource or trust policies), and the\n" +
			"role, managed, trust, bucket, key, repository, secret and model registry policies of Terraform,\n" +
			"plan JSON and CloudFormation. It reports administrator and full-access grants, wildcards on data\n" +
			"and key services, reads of every bucket, permissions management, privilege-escalation paths\n" +
			"(decided with the IAM evaluation engine), public and cross-account principals, service trust\n" +
			"without confused-deputy conditions, and statements that grant nothing or are shadowed.\n" +
			"Reports, suppressions, baselines and exit codes are those of scan.",
		Example: "  mlguard iam analyze examples/iam\n  mlguard iam analyze --account 111122223333 --format sarif infra/",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if account != "" && !accountID.MatchString(account) {
				return usageError("--account %q: want a 12-digit account ID", account)
			}
			f.rules = iampolicy.Rules(account)
			return runScan(cmd.Context(), cmd.OutOrStdout(), args, f)
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringVar(&account, "account", "", "the account the policies belong to, so that grants to other accounts are reported")
	return cmd
}
