package iam

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

// sourceKeys are the condition keys that tie a service's use of a role to
// the caller's account or resource.
var sourceKeys = []string{"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"}

var trustTypes = []string{"aws_iam_role", "AWS::IAM::Role"}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-005", Slug: "ml-role-trust-confused-deputy",
			Title:    "ML service trust policy does not pin the calling account or resource (confused deputy)",
			Severity: rule.Medium, Category: rule.Identity,
			Resources:  trustTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A trust policy that lets sagemaker.amazonaws.com or bedrock.amazonaws.com assume the role with no " +
				"aws:SourceAccount or aws:SourceArn condition lets the service assume it on behalf of any caller that can name the " +
				"role's ARN, including resources in other accounts: the confused-deputy problem. The conditions make the service " +
				"prove the request comes from your account or your resource.",
			Remediation: "Add a condition on aws:SourceAccount (your account ID) and, where the service sets it, aws:SourceArn " +
				"(the ARNs of your jobs, models or agents) to the service's trust statement.",
			Fixes: map[string]string{"terraform": `statement {
  actions = ["sts:AssumeRole"]
  principals {
    type        = "Service"
    identifiers = ["bedrock.amazonaws.com"]
  }
  condition {
    test     = "StringEquals"
    variable = "aws:SourceAccount"
    values   = [data.aws_caller_identity.current.account_id]
  }
}`, "cloudformation": `- Effect: Allow
  Principal: {Service: bedrock.amazonaws.com}
  Action: sts:AssumeRole
  Condition:
    StringEquals:
      aws:SourceAccount: !Ref AWS::AccountId`},
			Defaults: []string{"aws_iam_role.assume_role_policy: required; a statement without a Condition block applies to every caller"},
			References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
				"https://docs.aws.amazon.com/bedrock/latest/userguide/cross-service-confused-deputy-prevention.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.Roles {
				out = append(out, confusedDeputy(r)...)
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-006", Slug: "role-trust-anyone",
			Title:    "Role trust policy lets any AWS principal assume the role",
			Severity: rule.Critical, Category: rule.Identity,
			Resources:  trustTypes,
			Frameworks: framework.PublicAccess(),
			Rationale: "Principal \"*\" (or {\"AWS\": \"*\"}) in a trust policy with no condition lets anyone with an AWS account " +
				"call sts:AssumeRole and get the role's permissions: every dataset, model and key the role can reach.",
			Remediation: "Name the accounts, roles or services that may assume the role; for cross-account access add sts:ExternalId " +
				"or aws:PrincipalOrgID conditions.",
			Fixes: map[string]string{"terraform": `principals {
  type        = "AWS"
  identifiers = ["arn:aws:iam::111122223333:role/ml-platform-ci"]
}`, "cloudformation": `Principal:
  AWS: arn:aws:iam::111122223333:role/ml-platform-ci`},
			Defaults:   []string{"A statement with any Condition is not counted: conditions such as sts:ExternalId or aws:PrincipalOrgID narrow who may assume the role"},
			References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.Roles {
				tp := r.TrustPolicy
				if sid, ok := tp.Document.PublicStatement(); ok {
					out = append(out, rule.NewResult(r.Resource, tp.Meta, "trust:"+sid, "%s trust policy statement %s lets any AWS principal assume it", r.Address, sid))
				}
			}
			return out
		},
	})
}

// confusedDeputy reports each statement that lets an ML service assume the
// role without a source condition.
func confusedDeputy(r *aws.Role) []rule.Result {
	doc := r.TrustPolicy.Document
	if doc == nil {
		return nil
	}
	var out []rule.Result
	for i := range doc.Statements {
		s := &doc.Statements[i]
		if !strings.EqualFold(s.Effect, "Allow") || s.HasConditionKey(sourceKeys...) {
			continue
		}
		for _, svc := range s.Principal.Services() {
			for _, ml := range aws.MLServicePrincipals {
				if strings.EqualFold(svc, ml) {
					out = append(out, rule.NewResult(r.Resource, r.TrustPolicy.Meta, "trust:"+doc.Label(i)+":"+svc,
						"%s lets %s assume it (trust statement %s) with no aws:SourceAccount or aws:SourceArn condition", r.Address, svc, doc.Label(i)))
				}
			}
		}
	}
	return out
}
