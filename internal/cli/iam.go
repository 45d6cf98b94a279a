package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/scope"
	"github.com/mlguard/mlguard/internal/iam/usage"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
	"github.com/mlguard/mlguard/internal/source"
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
			return runScan(cmd, args, f)
		},
	}
	f.register(cmd.Flags(), "findings")
	cmd.Flags().StringVar(&account, "account", "", "the account the policies belong to, so that grants to other accounts are reported")
	return cmd
}

func newIAMScopeCmd() *cobra.Command {
	var o scope.Options
	var out output
	cmd := &cobra.Command{
		Use:   "scope --task TASK --bucket ARN... [--prefix P...] [--kms-key ARN...] [flags]",
		Short: "Print the least-privilege policy of an ML task's execution role",
		Long: "Print the minimal identity policy for the execution role of an ML task: a notebook instance, a training,\n" +
			"processing or pipeline job, or a model behind an endpoint, on the buckets, keys, repositories and log\n" +
			"groups given. The policy allows each call the task makes (tests evaluate them with the IAM engine)\n" +
			"and nothing `mlguard iam analyze` reports.",
		Example: "  mlguard iam scope --task training --bucket arn:aws:s3:::ml-data --kms-key arn:aws:kms:us-east-1:111122223333:key/1234 --vpc\n" +
			"  mlguard iam scope --task pipeline --bucket arn:aws:s3:::ml-data --pass-role arn:aws:iam::111122223333:role/train --format terraform",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := out.check(); err != nil {
				return err
			}
			p, err := scope.Policy(o)
			if err != nil {
				return usageError("%v", err)
			}
			return out.write(cmd.OutOrStdout(), func(w io.Writer) error { return writePolicy(w, p, out.format, o.Task+"_execution_role") })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Task, "task", "", "the ML task: "+strings.Join(scope.Tasks, ", "))
	fl.StringArrayVar(&o.Buckets, "bucket", nil, "ARN of a bucket the task reads or writes (repeatable)")
	fl.StringArrayVar(&o.KMSKeys, "kms-key", nil, "ARN of a KMS key that encrypts its data or volumes (repeatable)")
	fl.StringArrayVar(&o.ECRRepos, "ecr-repo", nil, "ARN of an ECR repository it pulls its image from (repeatable)")
	fl.StringArrayVar(&o.LogGroups, "log-group", nil, "ARN of the log group it writes to (default: the task's /aws/sagemaker/ group)")
	fl.StringArrayVar(&o.PassRoles, "pass-role", nil, "ARN of an execution role a pipeline passes to its jobs (repeatable)")
	fl.StringArrayVar(&o.Secrets, "secret", nil, "ARN of a Secrets Manager secret the task reads (repeatable)")
	fl.StringArrayVar(&o.Prefixes, "prefix", nil, "limit objects and listing to this key prefix in every bucket, such as features/ (repeatable)")
	fl.StringVar(&o.CapturePrefix, "capture-prefix", "", "an endpoint's data capture writes under this key prefix, such as capture/")
	fl.BoolVar(&o.ReadOnly, "read-only", false, "the task only reads: objects get, keys decrypt, nothing written")
	fl.BoolVar(&o.NoLogs, "no-logs", false, "leave out the CloudWatch Logs grants")
	fl.BoolVar(&o.VPC, "vpc", false, "the task runs in a VPC and manages its network interfaces")
	fl.StringVar(&o.Region, "region", "", "limit ARNs the policy builds to this region (default every region)")
	fl.StringVar(&o.Account, "account", "", "limit ARNs the policy builds to this account (default any)")
	out.register(fl, "json", "json", "terraform")
	_ = cmd.MarkFlagRequired("task")
	return cmd
}

// writePolicy prints a policy as JSON or as a Terraform policy document.
func writePolicy(w io.Writer, p *iam.Policy, format, name string) error {
	if format == "terraform" {
		_, err := io.WriteString(w, scope.Terraform(p, name))
		return err
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func newIAMFromTrailCmd() *cobra.Command {
	var role string
	var out output
	var current []string
	cmd := &cobra.Command{
		Use:   "from-trail --role ARN LOGS...",
		Short: "Print the policy a role needs from what CloudTrail recorded it doing",
		Long: "Read CloudTrail logs (files or directories; delivered .json and .json.gz files, or one event per line)\n" +
			"and print the policy that allows what the role's sessions did, resources generalized: objects by bucket\n" +
			"and top-level prefix, job names without their run suffix. A summary goes to standard error: records\n" +
			"read, the role's calls, calls denied (not added), calls whose resource the records did not tell, every\n" +
			"record that could not be read, and with --policy, what the current policy grants that was never used.",
		Example: "  mlguard iam from-trail --role arn:aws:iam::111122223333:role/ml-training-job --policy current.json examples/iam/trail",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFromTrail(cmd, role, &out, current, args)
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "ARN of the role, with its path")
	cmd.Flags().StringArrayVar(&current, "policy", nil, "a policy JSON file the role holds now, to list what it never used (repeatable)")
	out.register(cmd.Flags(), "json", "json", "terraform")
	_ = cmd.MarkFlagRequired("role")
	return cmd
}

func runFromTrail(cmd *cobra.Command, role string, out *output, current, args []string) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	if parts := strings.SplitN(role, ":", 6); len(parts) != 6 || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") {
		return usageError("--role %q: want a role ARN, arn:aws:iam::ACCOUNT:role/NAME", role)
	}
	if err := out.check(); err != nil {
		return err
	}
	var held []*iam.Policy
	for _, p := range current {
		data, err := source.ReadPath(p, maxInputBytes)
		if err != nil {
			return usageError("--policy: %v", source.PlainError(err))
		}
		pol, err := iam.Parse(data)
		if err != nil {
			return usageError("--policy %s: %v", p, err)
		}
		held = append(held, pol)
	}
	u := usage.New(role)
	read, rejected, err := readTrails(ctx, args, cmd.InOrStdin(), func(r *cloudtrail.Record) { u.Add(&r.Event) })
	if err != nil {
		return err
	}
	printTrailSummary(cmd.ErrOrStderr(), u, read, rejected, held)
	if u.Matched == 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("no record of %s in %s read", role, report.Plural(read, "record"))}
	}
	if err := out.write(cmd.OutOrStdout(), func(w io.Writer) error { return writePolicy(w, u.Policy(), out.format, "from_trail") }); err != nil {
		return err
	}
	if len(rejected) > 0 {
		return &exitError{code: ExitError}
	}
	return nil
}

func printTrailSummary(w io.Writer, u *usage.Usage, read int, rejected []cloudtrail.Rejected, held []*iam.Policy) {
	fmt.Fprintf(w, "records: %d read, %d by %s, %d could not be read\n", read+len(rejected), u.Matched, u.Role, len(rejected))
	for _, r := range rejected {
		fmt.Fprintf(w, "  rejected %s:%d (offset %d): %s\n", report.Clean(r.File), r.Line, r.Offset, report.Clean(r.Reason))
	}
	for _, m := range []struct {
		title string
		calls map[string]int
	}{{"denied calls, not added to the policy", u.Denied}, {"calls whose resource the records did not tell (granted on every resource of their type)", u.Unresolved}} {
		if len(m.calls) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", m.title)
		for _, a := range sortedCalls(m.calls) {
			fmt.Fprintf(w, "  %s (%d)\n", report.Clean(a), m.calls[a])
		}
	}
	if len(held) > 0 {
		unused := u.Unused(held)
		fmt.Fprintf(w, "granted by --policy but never used (%d):\n", len(unused))
		for _, a := range unused {
			fmt.Fprintf(w, "  %s\n", report.Clean(a))
		}
	}
}

func sortedCalls(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
