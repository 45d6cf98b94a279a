// Package iampolicy holds the checks of `mlguard iam analyze`: the analyses
// of package analyze run over every policy a scan finds (role policies,
// customer managed policies, trust policies, bucket, key, repository,
// secret and model registry policies, and policy JSON files), reported
// through the same findings, suppressions and formats as `mlguard scan`.
//
// The rules are not in the scan registry: `mlguard scan` judges ML execution
// roles with the AWS-IAM rules, `mlguard iam analyze` judges every policy.
package iampolicy

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/iam/analyze"
	"github.com/mlguard/mlguard/internal/rule"
)

// policyTypes are the resource types whose policies the checks read.
var policyTypes = []string{"aws_iam_role", "aws_iam_role_policy", "aws_iam_policy", "aws_iam_role_policy_attachment",
	"aws_iam_user", "aws_iam_group", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_user_policy_attachment",
	"aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "AWS::IAM::User", "AWS::IAM::Group",
	"aws_s3_bucket_policy", "aws_kms_key", "aws_ecr_repository_policy", "aws_secretsmanager_secret_policy",
	"aws_sagemaker_model_package_group_policy", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
	"AWS::S3::BucketPolicy", "AWS::KMS::Key", "AWS::ECR::Repository", "policy_file"}

// meta is the metadata of each check.
var meta = []struct {
	check analyze.Check
	md    rule.Metadata
}{
	{analyze.Admin, rule.Metadata{ID: "AWS-IAMPOLICY-001", Slug: "administrator-access", Severity: rule.Critical, Category: rule.Identity,
		Title:       "Policy grants administrator access",
		Rationale:   "Every action on every resource (or every action but a few, as PowerUserAccess) lets whoever holds it read every model and dataset, change every key policy and grant itself anything that remains.",
		Remediation: "Grant the actions the workload needs on its own resources; `mlguard iam scope` writes such a policy for ML tasks.",
		Defaults:    []string{"AdministratorAccess, PowerUserAccess and IAMFullAccess attached count as administrator access; a statement with any condition is not counted"}}},
	{analyze.FullAccess, rule.Metadata{ID: "AWS-IAMPOLICY-002", Slug: "full-access-managed-policy", Severity: rule.High, Category: rule.Identity,
		Title:       "AWS managed full-access policy for a data, key or ML service attached",
		Rationale:   "AmazonSageMakerFullAccess, AmazonS3FullAccess, SecretsManagerReadWrite and their kind grant a whole service on every resource of the account: every model, bucket or secret, and the right to change them.",
		Remediation: "Replace the managed policy with a customer managed policy naming the actions and resources the principal uses (`mlguard iam from-trail` derives one from CloudTrail)."}},
	{analyze.WildcardData, rule.Metadata{ID: "AWS-IAMPOLICY-003", Slug: "wildcard-on-data-service", Severity: rule.High, Category: rule.Identity,
		Title:       "Wildcard action or resource on a data, key or ML service",
		Rationale:   "s3:*, kms:*, sagemaker:* or a data action on Resource \"*\" reaches every bucket, key, secret or model in the account, including the ones added later.",
		Remediation: "Name the actions, and the ARNs of the buckets, keys, secrets and models the workload uses.",
		Defaults:    []string{"Actions that accept no resource type (ecr:GetAuthorizationToken, s3:ListAllMyBuckets) are not counted: \"*\" is the only resource they take"}}},
	{analyze.ReadAllData, rule.Metadata{ID: "AWS-IAMPOLICY-004", Slug: "reads-every-bucket", Severity: rule.High, Category: rule.DataProtection,
		Title:       "Policy can read the objects of every bucket",
		Rationale:   "s3:GetObject on every bucket lets code that runs as the principal (a notebook user, a training script, a compromised model server) copy every dataset and model artifact of the account.",
		Remediation: "Limit object reads to the buckets and prefixes the workload uses: arn:aws:s3:::BUCKET/PREFIX/*.",
		Defaults:    []string{"Decided by the evaluation engine on an object of a bucket no policy names; statements with a condition are not counted"}}},
	{analyze.PermsMgmt, rule.Metadata{ID: "AWS-IAMPOLICY-005", Slug: "permissions-management", Severity: rule.High, Category: rule.Identity,
		Title:       "Policy allows permissions management broadly",
		Rationale:   "Permissions-management actions (iam:Put*Policy, s3:PutBucketPolicy, kms:PutKeyPolicy, ecr:SetRepositoryPolicy, sagemaker:PutModelPackageGroupPolicy) on every resource, or on a key or bucket to others than its account, let the holder decide who reads data and models.",
		Remediation: "Keep permissions management with the platform's deployment role, on named resources.",
		Defaults:    []string{"In resource policies the owning account's root (the usual first statement of a key policy) is not counted: it delegates to IAM policies"}}},
	{analyze.Escalation, rule.Metadata{ID: "AWS-IAMPOLICY-006", Slug: "privilege-escalation", Severity: rule.Critical, Category: rule.Identity,
		Title:       "Policy allows a privilege-escalation path",
		Rationale:   "Some combinations of permissions let a principal become another: iam:PassRole on any role with sagemaker:CreateTrainingJob, CreateProcessingJob or CreateNotebookInstance runs its code as that role; CreatePresignedNotebookInstanceUrl on other users' notebooks, lifecycle configuration updates, iam:CreatePolicyVersion, iam:Attach*Policy and the other known paths do the same.",
		Remediation: "Limit iam:PassRole to the execution roles the principal must hand over, and the SageMaker and IAM actions to the principal's own resources (name prefixes or aws:ResourceTag conditions).",
		Defaults:    []string{"Each path is decided by the evaluation engine over all the principal's policies together, with iam:PassedToService set to the receiving service; AWS managed policies stand in by their grants", "A principal with administrator access is reported by AWS-IAMPOLICY-001 instead"}}},
	{analyze.Public, rule.Metadata{ID: "AWS-IAMPOLICY-007", Slug: "public-principal", Severity: rule.Critical, Category: rule.DataProtection,
		Title:       "Resource or trust policy grants to everyone",
		Rationale:   "Principal \"*\" with no condition that fixes accounts, organizations, networks or source resources lets any AWS account read or write the bucket, key, repository or secret, or assume the role.",
		Remediation: "Name the principals, or add a condition on aws:PrincipalOrgID, aws:SourceVpce or aws:PrincipalAccount with fixed values.",
		Defaults:    []string{"A condition narrows when it fixes the caller's account, organization, ARN (a wildcard only after the account), network or source: non-negated operators, no Null check, no IfExists or ForAllValues over a key a direct call lacks, and IP ranges no wider than /8 (IPv4) or /32 (IPv6), as S3 Block Public Access judges them"}}},
	{analyze.CrossAccount, rule.Metadata{ID: "AWS-IAMPOLICY-008", Slug: "cross-account-principal", Severity: rule.Medium, Category: rule.Identity,
		Title:       "Resource or trust policy grants to another account",
		Rationale:   "A grant to another account outside the organization moves trust to whoever administers that account: it can read models, pull images or assume the role with any of its principals.",
		Remediation: "Confirm the account is meant to have access; limit it with aws:PrincipalOrgID, name a role rather than the account root, and require sts:ExternalId for role trust.",
		Defaults:    []string{"Reported only when the owning account is known: --account, or the account in the ARNs the resource policy names"}}},
	{analyze.ConfusedDep, rule.Metadata{ID: "AWS-IAMPOLICY-009", Slug: "service-confused-deputy", Severity: rule.Medium, Category: rule.Identity,
		Title:       "Service principal trusted without aws:SourceAccount or aws:SourceArn",
		Rationale:   "A service principal such as sagemaker.amazonaws.com acts for every customer; without a source condition another account's job or trail can be pointed at the role or bucket (the confused deputy).",
		Remediation: "Add a condition on aws:SourceAccount (and aws:SourceArn where the source resource is known).",
		Defaults:    []string{"EC2 and Lambda roles are not counted: those services act only for the role's own account"}}},
	{analyze.GrantsNothing, rule.Metadata{ID: "AWS-IAMPOLICY-010", Slug: "statement-grants-nothing", Severity: rule.Medium, Category: rule.Identity,
		Title:       "Statement grants or denies nothing",
		Rationale:   "An action that does not exist, an object action on a bucket ARN, a resource-less action on an ARN, or an unknown condition operator makes a statement apply to nothing: an Allow misses what the workload needs, and a Deny guardrail protects nothing.",
		Remediation: "Fix the action name, give object actions arn:aws:s3:::BUCKET/* and resource-less actions \"*\", and use a defined condition operator.",
		Defaults:    []string{"Judged against the action catalog of 15 services (AWS Service Authorization Reference, 2026-09-23); actions of other services are not judged"}}},
	{analyze.Shadowed, rule.Metadata{ID: "AWS-IAMPOLICY-011", Slug: "statement-shadowed", Severity: rule.Low, Category: rule.Identity,
		Title:       "Statement is shadowed by another statement of the policy",
		Rationale:   "A statement wholly covered by a broader Allow adds nothing and hides how broad the policy really is; one covered by an unconditioned Deny never grants anything.",
		Remediation: "Remove the shadowed statement, or narrow the broader one."}},
}

// Documented returns the checks for documentation and `mlguard rules`, with
// the rules of the scan registry, sorted by ID.
func Documented() []*rule.Rule {
	all := append(rule.All(), Rules("")...)
	slices.SortFunc(all, func(a, b *rule.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// Rules returns the checks of `mlguard iam analyze`. account, when known,
// is the account the policies belong to.
func Rules(account string) []*rule.Rule {
	var out []*rule.Rule
	for _, m := range meta {
		md := m.md
		md.Provider, md.Service, md.Resources, md.Command = "aws", "iam", policyTypes, "iam analyze"
		md.Frameworks = framework.LeastPrivilege()
		md.References = []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"}
		c := m.check
		out = append(out, &rule.Rule{Metadata: md, Check: func(in *rule.Input) []rule.Result { return results(in, c, account) }})
	}
	return out
}

// results runs one analysis on every subject of the model.
func results(in *rule.Input, c analyze.Check, account string) []rule.Result {
	var out []rule.Result
	for _, s := range subjects(in.AWS, account) {
		for _, is := range analyze.Analyze(s.Subject, c) {
			if is.Doc >= 0 && s.elsewhere[is.Doc] && c != analyze.Escalation {
				continue
			}
			msg, value := is.Message, string(c)+":"+is.Value
			if is.Doc < 0 {
				msg = s.res.Address + " " + msg
			} else {
				value = string(c) + ":" + s.Docs[is.Doc].Name + ":" + is.Value
			}
			out = append(out, rule.NewResult(s.res, s.where(is), value, "%s", msg))
		}
	}
	return out
}
