package iam

import (
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-012", Slug: "condition-does-not-restrict",
			Title:    "Resource or trust policy grants to everyone behind conditions any AWS customer can meet",
			Severity: rule.High, Category: rule.Identity,
			Resources: []string{"aws_s3_bucket", "aws_s3_bucket_policy", "aws_kms_key", "aws_ecr_repository", "aws_ecr_repository_policy",
				"aws_secretsmanager_secret", "aws_secretsmanager_secret_policy", "aws_sagemaker_model_package_group", "aws_elasticsearch_domain",
				"aws_elasticsearch_domain_policy", "AWS::Elasticsearch::Domain",
				"aws_sagemaker_model_package_group_policy", "aws_iam_role", "AWS::S3::BucketPolicy", "AWS::KMS::Key", "AWS::ECR::Repository",
				"aws_sns_topic", "aws_sns_topic_policy", "aws_sqs_queue", "aws_sqs_queue_policy", "aws_opensearch_domain", "aws_opensearch_domain_policy",
				"AWS::SecretsManager::ResourcePolicy", "AWS::SageMaker::ModelPackageGroup", "AWS::IAM::Role", "AWS::SNS::TopicPolicy",
				"AWS::SQS::QueuePolicy", "AWS::OpenSearchService::Domain"},
			Frameworks: framework.PublicAccess(),
			Rationale: "A statement that allows Principal \"*\" is safe only if a condition pins the caller to your accounts, " +
				"organization, network or source. Conditions that look like a restriction often are not: aws:PrincipalArn " +
				"or aws:SourceArn patterns with a wildcard account (arn:aws:iam::*:role/ml-*) match a role of that name in any " +
				"account; aws:UserAgent, aws:Referer and tags are set by the caller; StringNotEquals admits everyone it does " +
				"not list; a Null check, IfExists or ForAllValues over a key that a direct call does not carry holds for " +
				"anyone. Such a grant opens the bucket, key, image repository, secret, model registry, pipeline topic or " +
				"queue, vector store domain or role to every AWS " +
				"customer who reads the condition.",
			Remediation: "Pin the caller: aws:PrincipalOrgID (or aws:PrincipalAccount) with fixed values, account IDs written " +
				"out in aws:PrincipalArn patterns (arn:aws:iam::111122223333:role/ml-*), aws:SourceVpce; or name the principals.",
			Fixes: map[string]string{"terraform": `Condition = {
  StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
  ArnLike      = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/ml-*" }
}`, "cloudformation": `Condition:
  StringEquals:
    aws:PrincipalOrgID: o-a1b2c3d4e5`},
			Defaults: []string{"Statements without a condition are reported by the rules for public policies (AWS-IAM-006, AWS-ECR-004, AWS-S3-*); a condition restricts when it fixes the account, organization, ARN (a wildcard only after the account), network (no wider than /8 or /32) or source, with a non-negated operator",
				"Decided per statement by the IAM engine's analysis of which callers a condition admits (mlguard access uses the same)",
				"A separate policy resource (bucket, repository, secret, topic, queue or domain policy) whose target is not in the code is judged on its own, at the policy resource"},
			References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, rp := range in.AWS.ResourcePolicies() {
				for _, d := range rp.Docs {
					out = append(out, weakConditions(rp.Resource, rp.What, d)...)
				}
			}
			for _, r := range in.AWS.Roles {
				out = append(out, weakConditions(r.Resource, "trust policy", r.TrustPolicy)...)
			}
			return out
		},
	})
}

// weakConditions reports each statement of a policy that grants to
// everyone behind conditions none of which keeps outsiders out.
func weakConditions(res model.Resource, what string, d aws.PolicyDocument) []rule.Result {
	if d.Document == nil {
		return nil
	}
	var out []rule.Result
	for i := range d.Document.Statements {
		s := &d.Document.Statements[i]
		if len(s.Condition) == 0 {
			continue
		}
		for _, o := range s.Openings(iam.Trusted{}) {
			if o.Who != "anyone" {
				continue
			}
			label := d.Document.Label(i)
			out = append(out, rule.NewResult(res, d.Meta, what+":"+label,
				"%s %s statement %s grants %s to everyone behind conditions any AWS customer can meet: %s",
				res.Address, what, label, actions(s), strings.Join(o.Why, "; ")))
		}
	}
	return out
}

// actions names what a statement allows, for messages.
func actions(s *iam.Statement) string {
	if len(s.NotAction) > 0 {
		return "every action except " + strings.Join(s.NotAction, ", ")
	}
	return strings.Join(s.Action, ", ")
}
