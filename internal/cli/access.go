package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/sync/errgroup"

	"github.com/mlguard/mlguard/internal/access"
	"github.com/mlguard/mlguard/internal/awsarn"
	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

// accessFlags are the flags of mlguard access and its queries.
type accessFlags struct {
	scanFlags
	accounts []string // DIR=ACCOUNT
	region   string
	scps     []string // FILE or FILE=TARGET,TARGET
	rcps     []string
	orgID    string
}

const accessLong = "Read the infrastructure as code of several AWS accounts at once (Terraform, plans, CloudFormation,\n" +
	"policy JSON), each directory mapped to its account, with the organization's service and resource\n" +
	"control policies, and decide with the IAM engine who can reach which ML assets: S3 buckets and\n" +
	"prefixes, KMS keys, ECR repositories, Secrets Manager secrets, model package groups, endpoints,\n" +
	"feature groups and Bedrock custom models. Every edge is decided with the whole evaluation logic\n" +
	"(explicit deny, SCPs and RCPs, permissions boundaries, identity and resource policies within and\n" +
	"across accounts, KMS key policies, conditions evaluated where their keys are known); chains of\n" +
	"sts:AssumeRole and iam:PassRole to SageMaker and Bedrock extend what a principal reaches.\n\n" +
	"Accounts come from --account DIR=ACCOUNT or from accounts: in .mlguard.yaml (a directory given\n" +
	"whose .mlguard.yaml has accounts: is read as the whole platform); tenants: names the accounts (or\n" +
	"units) of each tenant, organization: the organization's ID and units. See docs/access.md.\n\n"

func newAccessCmd() *cobra.Command {
	f := &accessFlags{}
	cmd := &cobra.Command{
		Use:   "access [DIR...]",
		Short: "Find who can reach which ML assets across AWS accounts and from outside the organization",
		Long: accessLong + "Findings: ACCESS-001 a principal of one tenant can reach another tenant's assets (critical; high\n" +
			"when conditions not known decide it), ACCESS-002 an asset reachable from outside the organization,\n" +
			"ACCESS-003 a policy that grants to \"*\" behind a condition that does not restrict the caller. Each\n" +
			"names its path. Formats: text, json, sarif; dot, mermaid and html draw the graph.\n\n" +
			"Exit codes: 0 no findings, 1 findings, 2 usage error or input that could not be read.",
		Example: "  mlguard access examples/multi-account\n" +
			"  mlguard access --account shared=111111111111 --account bu-a=222222222222 --region eu-west-1 shared bu-a\n" +
			"  mlguard access -f mermaid examples/multi-account > access.md",
		RunE: func(cmd *cobra.Command, args []string) error { return runAccess(cmd, args, f) },
	}
	f.out.register(cmd.Flags(), "text", report.AccessFormats...)
	f.registerAccess(cmd.PersistentFlags())
	cmd.AddCommand(newWhoCanCmd(f), newWhatCanCmd(f))
	return cmd
}

func (f *accessFlags) registerAccess(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.accounts, "account", nil, "map a directory to the AWS account it deploys to, DIR=ACCOUNT_ID (repeatable)")
	fl.StringVar(&f.region, "region", "", "the region of accounts whose region .mlguard.yaml does not give (regional ARNs need it)")
	fl.StringArrayVar(&f.scps, "scp", nil, "a service or resource control policy file, FILE or FILE=TARGET[,TARGET] (a root r-…, unit ou-… or account ID; default every account) (repeatable)")
	fl.StringArrayVar(&f.rcps, "rcp", nil, "a resource control policy file, FILE or FILE=TARGET[,TARGET], as --scp (repeatable)")
	fl.StringVar(&f.orgID, "org-id", "", "the organization's ID (o-…), instead of organization.id in .mlguard.yaml")
	f.registerInputs(fl)
}

func newWhoCanCmd(f *accessFlags) *cobra.Command {
	var action, resource string
	out := &output{}
	cmd := &cobra.Command{
		Use:   "who-can --action ACTION --resource ARN [DIR...]",
		Short: "List the principals that can perform an action on an asset, directly or through role chains",
		Long: accessLong + "who-can asks the IAM engine, for every principal of the accounts, whether it may perform the\n" +
			"action on the resource, and lists those that may, and those that reach one of them by assuming\n" +
			"roles or passing a role to an ML service, with the path.",
		Example: "  mlguard access who-can --action s3:GetObject --resource arn:aws:s3:::bu-b-training-data/x.csv examples/multi-account",
		RunE: func(cmd *cobra.Command, args []string) error {
			if action == "" || resource == "" {
				return usageError("who-can needs --action and --resource")
			}
			return runAccessQuery(cmd, args, f, out, func(g *access.Graph) ([]access.Answer, error) { return g.WhoCan(action, resource) })
		},
	}
	cmd.Flags().StringVar(&action, "action", "", "the action, service:Action")
	cmd.Flags().StringVar(&resource, "resource", "", "the resource's ARN (an asset, or an object of a bucket)")
	out.register(cmd.Flags(), "text", "text", "json")
	return cmd
}

func newWhatCanCmd(f *accessFlags) *cobra.Command {
	var principal string
	out := &output{}
	cmd := &cobra.Command{
		Use:   "what-can --principal ARN [DIR...]",
		Short: "List the assets a principal can reach and what it can do to each",
		Long:  accessLong + "what-can lists each asset the principal reaches, directly or through role chains, with a shortest path.",
		Example: "  mlguard access what-can --principal arn:aws:iam::222222222222:role/bu-a-ds examples/multi-account\n" +
			"  mlguard access what-can --principal anyone examples/multi-account",
		RunE: func(cmd *cobra.Command, args []string) error {
			if principal == "" {
				return usageError("what-can needs --principal")
			}
			return runAccessQuery(cmd, args, f, out, func(g *access.Graph) ([]access.Answer, error) { return g.WhatCan(principal) })
		},
	}
	cmd.Flags().StringVar(&principal, "principal", "", "the principal's ARN, \"anyone\", or an outside account's root ARN")
	out.register(cmd.Flags(), "text", "text", "json")
	return cmd
}

func runAccess(cmd *cobra.Command, args []string, f *accessFlags) error {
	if err := f.out.check(); err != nil {
		return err
	}
	g, err := f.analyze(cmd, args)
	if err != nil {
		return err
	}
	ropts := report.Options{Version: version()}
	if err := f.out.write(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteAccess(cmd.Context(), w, f.out.format, g, ropts) }); err != nil {
		return err
	}
	if len(g.Findings) > 0 {
		return &exitError{code: ExitFindings}
	}
	return nil
}

func runAccessQuery(cmd *cobra.Command, args []string, f *accessFlags, out *output, ask func(*access.Graph) ([]access.Answer, error)) error {
	if err := out.check(); err != nil {
		return err
	}
	g, err := f.analyze(cmd, args)
	if err != nil {
		return err
	}
	answers, err := ask(g)
	if err != nil {
		return usageError("%v", err)
	}
	return out.write(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteAnswers(w, out.format, answers) })
}

// accountDir is a directory and the account it deploys to.
type accountDir struct {
	dir     string
	account config.AccountSetting
}

// analyze reads every account's directory and builds the graph.
func (f *accessFlags) analyze(cmd *cobra.Command, args []string) (*access.Graph, error) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	stderr := cmd.ErrOrStderr()
	cfg, base, err := f.accessConfig(args)
	if err != nil {
		return nil, err
	}
	dirs, err := f.accountDirs(cfg, base, args)
	if err != nil {
		return nil, err
	}
	tenants, err := cfg.TenantOf()
	if err != nil {
		return nil, usageError("%v", err)
	}
	opts := access.Options{OrgID: cfg.Organization.ID, Units: cfg.Organization.Units, TenantTags: cfg.TenantTags()}
	if f.orgID != "" {
		opts.OrgID = f.orgID
	}
	for _, kind := range []struct {
		flag, typ string
		specs     []string
	}{{"--scp", "SERVICE_CONTROL_POLICY", f.scps}, {"--rcp", "RESOURCE_CONTROL_POLICY", f.rcps}} {
		ps, err := readOrgPolicies(kind.flag, kind.typ, kind.specs)
		if err != nil {
			return nil, err
		}
		opts.Policies = append(opts.Policies, ps...)
	}
	accounts, err := f.load(ctx, cmd, dirs, tenants)
	if err != nil {
		return nil, err
	}
	g, err := access.Analyze(ctx, accounts, opts)
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	for _, n := range g.Notes {
		fmt.Fprintf(stderr, "mlguard: not evaluated: %s\n", n)
	}
	return g, nil
}

// accessConfig finds the settings that map directories to accounts:
// --config; a single directory argument's .mlguard.yaml with accounts:;
// or the current directory's.
func (f *accessFlags) accessConfig(args []string) (*config.Config, string, error) {
	if f.configFile != "" {
		c, err := readConfig(f.configFile)
		if err != nil {
			return nil, "", usageError("--config: %v", err)
		}
		return c, filepath.Dir(f.configFile), nil
	}
	var candidates []string
	if len(args) == 1 {
		candidates = append(candidates, args[0])
	}
	candidates = append(candidates, ".")
	for _, dir := range candidates {
		p := filepath.Join(dir, config.FileName)
		if !exists(p) {
			continue
		}
		c, err := readConfig(p)
		if err != nil {
			return nil, "", usageError("%v", err)
		}
		if len(c.Accounts) > 0 {
			return c, dir, nil
		}
	}
	return &config.Config{}, ".", nil
}

// accountDirs lists the directories to read and their accounts: those of
// the settings (relative to their file), then --account; the arguments,
// when they are not the settings' own directory, must be among them.
func (f *accessFlags) accountDirs(cfg *config.Config, base string, args []string) ([]accountDir, error) {
	byDir := map[string]config.AccountSetting{}
	for dir, a := range cfg.Accounts {
		byDir[filepath.Clean(filepath.Join(base, dir))] = a
	}
	for _, kv := range f.accounts {
		dir, id, ok := strings.Cut(kv, "=")
		if !ok || dir == "" || !awsarn.IsAccountID(id) {
			return nil, usageError("--account %q: want DIR=ACCOUNT_ID with a 12-digit account ID", kv)
		}
		byDir[filepath.Clean(dir)] = config.AccountSetting{ID: id}
	}
	wanted := map[string]bool{}
	for _, a := range args {
		if c := filepath.Clean(a); c != filepath.Clean(base) || len(cfg.Accounts) == 0 {
			if _, ok := byDir[c]; !ok {
				return nil, usageError("%s is not mapped to an account: add --account %s=ACCOUNT_ID, or accounts: in .mlguard.yaml", a, a)
			}
			wanted[c] = true
		}
	}
	var out []accountDir
	for dir, a := range byDir {
		if len(wanted) > 0 && !wanted[dir] {
			continue
		}
		if !awsarn.IsAccountID(a.ID) {
			return nil, usageError("accounts: %s: %q is not a 12-digit account ID", dir, a.ID)
		}
		if a.Region == "" {
			a.Region = f.region
		}
		out = append(out, accountDir{dir: dir, account: a})
	}
	if len(out) == 0 {
		return nil, usageError("no account to analyse: give DIR arguments with --account DIR=ACCOUNT_ID, or a directory whose .mlguard.yaml has accounts:")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out, nil
}

// load reads each account's directory as scan reads it, with no rules,
// the account known to the Terraform reader so that ARNs built from names
// are known, and keeps the AWS models.
func (f *accessFlags) load(ctx context.Context, cmd *cobra.Command, dirs []accountDir, tenants map[string]string) ([]*access.Account, error) {
	type job struct {
		account *access.Account
		targets []scan.Target
		opts    scan.Options
		bad     source.Diagnostics
	}
	jobs := make([]*job, 0, len(dirs))
	for _, d := range dirs {
		opts, targets, done, err := f.prepare(cmd, []string{d.dir}, nil)
		if err != nil {
			return nil, err
		}
		defer done()
		jobs = append(jobs, &job{account: &access.Account{ID: d.account.ID, Region: d.account.Region, Tenant: tenants[d.account.ID], Dir: d.dir},
			targets: targets, opts: opts})
	}
	// Each account's Terraform is one root module, evaluated by one
	// goroutine: the accounts are read side by side.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, j := range jobs {
		g.Go(func() error {
			bad, err := access.Load(gctx, j.account, j.targets, j.opts)
			j.bad = bad
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	var accounts []*access.Account
	var errs source.Diagnostics
	for _, j := range jobs {
		errs = append(errs, j.bad...)
		accounts = append(accounts, j.account)
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintf(cmd.ErrOrStderr(), "mlguard: %s\n", e.Error())
		}
		return nil, &exitError{code: ExitError, err: fmt.Errorf("%d inputs could not be read; the analysis needs all of them", len(errs))}
	}
	return accounts, nil
}

// readOrgPolicies reads the --scp or --rcp files: FILE or
// FILE=TARGET,TARGET.
func readOrgPolicies(flag, typ string, specs []string) ([]access.OrgPolicy, error) {
	var out []access.OrgPolicy
	for _, spec := range specs {
		file, targets, _ := strings.Cut(spec, "=")
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, usageError("%s: %v", flag, err)
		}
		doc, err := iam.Parse(data)
		if err != nil {
			return nil, usageError("%s %s: %v", flag, file, err)
		}
		p := access.OrgPolicy{Name: filepath.Base(file), Type: typ, Document: doc}
		if targets == "" {
			p.Targets = []string{"r-root"}
		} else {
			p.Targets = strings.Split(targets, ",")
		}
		out = append(out, p)
	}
	return out, nil
}
