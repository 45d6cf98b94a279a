package iam

import (
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// reach is a kind of resource an ML role should reach only by name: a probe
// ARN of that kind that no policy names on purpose, and the actions that
// read it. A statement that allows one of the actions on the probe reaches
// every resource of the kind.
type reach struct {
	what   string
	probes []probe // in the order findings prefer to name them
}

func (rc reach) results(m *aws.Model) []rule.Result {
	var out []rule.Result
	mlRoles(m, func(r *aws.Role, why string) {
		for _, p := range rc.probes {
			if g, ok := find(m, r, unconditioned, p.arn, p.actions...); ok {
				if !rc.skip(g) {
					out = append(out, onGrant(r, g, "%s (%s) can %s: %s", r.Address, why, rc.what, g))
				}
				return
			}
		}
	})
	return out
}

// skip leaves grants of every S3 action to AWS-IAM-002, which reports them
// as full access, so one statement is not reported twice.
func (rc reach) skip(g grant) bool { return s3Access.statementGrants(g.stmt) }

// probe is a resource ARN no policy names on purpose, and the actions on it
// that count.
type probe struct {
	arn     string
	actions []string
}

var (
	objectReach = reach{what: "read every object in every S3 bucket", probes: []probe{
		{"arn:aws:s3:::mlguard-probe-bucket/any/key", []string{"s3:GetObject", "s3:GetObjectVersion"}},
	}}
	keyReach = reach{what: "decrypt with every KMS key", probes: []probe{
		{"arn:aws:kms:us-east-1:111122223333:key/mlguard-probe", []string{"kms:Decrypt", "kms:ReEncryptFrom"}},
	}}
	secretReach = reach{what: "read every secret and parameter", probes: []probe{
		{"arn:aws:secretsmanager:us-east-1:111122223333:secret:mlguard-probe-AbCdEf", []string{"secretsmanager:GetSecretValue"}},
		{"arn:aws:ssm:us-east-1:111122223333:parameter/mlguard-probe", []string{"ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"}},
	}}
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-007", Slug: "ml-role-reads-every-object",
			Title:    "ML execution role can read objects in every S3 bucket",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A training job, notebook or model container that can call s3:GetObject on every bucket can read every " +
				"dataset, model artifact and log in the account, not only its own. Code that runs as the role (a dependency, a " +
				"notebook user, a compromised model server) can exfiltrate them all.",
			Remediation: "Scope s3:GetObject to the buckets and prefixes the workload reads, such as \"${aws_s3_bucket.training.arn}/*\".",
			Fixes: map[string]string{"terraform": `statement {
  actions   = ["s3:GetObject"]
  resources = ["${aws_s3_bucket.training.arn}/*"]
}`, "cloudformation": `- Effect: Allow
  Action: s3:GetObject
  Resource: !Sub "${TrainingBucket.Arn}/*"`},
			Defaults: []string{trustDefault, "Statements with a Condition are not counted (a condition may narrow them); s3:* on every " +
				"resource is reported by AWS-IAM-002 instead"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return objectReach.results(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-008", Slug: "ml-role-decrypts-with-every-key",
			Title:    "ML execution role can decrypt with every KMS key",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Customer managed keys separate who may read which data. kms:Decrypt on every key undoes that separation for " +
				"the role: it can read whatever it can fetch, whichever team's key protects it (key policies that trust the account " +
				"delegate to IAM).",
			Remediation: "List the keys the workload uses in Resource, or add a kms:ViaService condition that ties use to the " +
				"service that reads the data.",
			Fixes: map[string]string{"terraform": `statement {
  actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
  resources = [aws_kms_key.ml.arn]
}`, "cloudformation": `- Effect: Allow
  Action: [kms:Decrypt, kms:GenerateDataKey]
  Resource: !GetAtt MlKey.Arn`},
			Defaults:   []string{trustDefault, "Statements with a Condition (kms:ViaService, kms:EncryptionContext) are not counted"},
			References: []string{"https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return keyReach.results(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-009", Slug: "ml-role-reads-every-secret",
			Title:    "ML execution role can read every secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "secretsmanager:GetSecretValue or ssm:GetParameter on every resource lets code that runs as the role read " +
				"every database password, API token and signing key stored in the account, far beyond what one job needs.",
			Remediation: "Name the secrets and parameters the workload reads in Resource.",
			Fixes: map[string]string{"terraform": `statement {
  actions   = ["secretsmanager:GetSecretValue"]
  resources = [aws_secretsmanager_secret.feature_store_token.arn]
}`, "cloudformation": `- Effect: Allow
  Action: secretsmanager:GetSecretValue
  Resource: !Ref FeatureStoreToken`},
			Defaults:   []string{trustDefault, "Statements with a Condition are not counted"},
			References: []string{"https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return secretReach.results(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-010", Slug: "ml-role-manages-permissions",
			Title:    "ML execution role can change IAM permissions",
			Severity: rule.Critical, Category: rule.Identity,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege("IAM.21"),
			Rationale: "A role that can attach or write policies, create policy versions, change trust policies or mint access keys " +
				"can grant itself (or anyone) any permission. Code running as an ML role never needs that; an attacker in a notebook " +
				"or a model container would use it first.",
			Remediation: "Remove IAM write actions from the role; manage IAM from the deployment pipeline, not from workloads.",
			Fixes: map[string]string{"terraform": `# Keep IAM changes in the pipeline's role; the execution role gets data and service actions only.`,
				"cloudformation": `# Keep IAM changes in the pipeline's role; the execution role gets data and service actions only.`},
			Defaults:   []string{trustDefault, "Statements with a Condition are not counted; \"*\" on every resource is reported by AWS-IAM-003"},
			References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/access_permissions-required.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return permissionsReach.results(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-011", Slug: "ml-role-writes-every-object",
			Title:    "ML execution role can overwrite or delete objects in every S3 bucket",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  roleTypes,
			Frameworks: framework.Frameworks([]string{"AC-6", "SI-7"}, []string{"PR.AA-05", "PR.DS-01"}, []string{"A.8.2", "A.8.3"}, []string{"CC6.1", "CC6.3"}, nil),
			Rationale: "s3:PutObject or s3:DeleteObject on every bucket lets code that runs as the role replace any model artifact " +
				"or training set in the account: a poisoned model served by another team's endpoint, or a training set quietly " +
				"altered. A job should write only to its own output prefix.",
			Remediation: "Scope write actions to the bucket prefixes the workload writes, such as \"${aws_s3_bucket.models.arn}/training/*\".",
			Fixes: map[string]string{"terraform": `statement {
  actions   = ["s3:PutObject"]
  resources = ["${aws_s3_bucket.models.arn}/training/*"]
}`, "cloudformation": `- Effect: Allow
  Action: s3:PutObject
  Resource: !Sub "${ModelBucket.Arn}/training/*"`},
			Defaults:   []string{trustDefault, "Statements with a Condition are not counted; s3:* on every resource is reported by AWS-IAM-002 instead"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return writeReach.results(in.AWS) },
	})
}

// writeReach is the S3 write access that lets a role replace or delete any
// model artifact or training set.
var writeReach = reach{what: "overwrite or delete objects in every S3 bucket", probes: []probe{
	{"arn:aws:s3:::mlguard-probe-bucket/any/key", []string{"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"}},
}}

// permissionsReach is the IAM write access that lets a principal grant
// itself more.
var permissionsReach = reach{what: "change IAM permissions", probes: []probe{
	{"arn:aws:iam::111122223333:role/mlguard-probe", []string{"iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy",
		"iam:CreateRole", "iam:DeleteRolePermissionsBoundary"}},
	{"arn:aws:iam::111122223333:policy/mlguard-probe", []string{"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"}},
	{"arn:aws:iam::111122223333:user/mlguard-probe", []string{"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
		"iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:AddUserToGroup"}},
	{"arn:aws:iam::111122223333:group/mlguard-probe", []string{"iam:PutGroupPolicy", "iam:AttachGroupPolicy"}},
}}
