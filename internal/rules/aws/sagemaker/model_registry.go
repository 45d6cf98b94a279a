package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-033", Slug: "model-package-group-policy-public",
			Title:    "SageMaker model registry group policy grants access to everyone",
			Severity: rule.Critical, Category: rule.DataProtection,
			Resources:  []string{"aws_sagemaker_model_package_group_policy", "AWS::SageMaker::ModelPackageGroup"},
			Frameworks: framework.PublicAccess(),
			Rationale: "A model package group holds the registered versions of a model: their artifacts, images and approval " +
				"status. A resource policy with Principal \"*\" and no condition lets any AWS account describe them, pull the " +
				"model, or, with write actions, register a tampered version that your deployment pipeline would approve and ship.",
			Remediation: "Name the accounts or roles that may use the group in Principal, or add an aws:PrincipalOrgID condition.",
			Fixes: map[string]string{"terraform": `statement {
  principals {
    type        = "AWS"
    identifiers = ["arn:aws:iam::444455556666:root"]
  }
  actions   = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
  resources = [aws_sagemaker_model_package_group.churn.arn, "${replace(aws_sagemaker_model_package_group.churn.arn, "model-package-group", "model-package")}/*"]
}`, "cloudformation": `ModelPackageGroupPolicy:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Principal: {AWS: arn:aws:iam::444455556666:root}
      Action: [sagemaker:DescribeModelPackage, sagemaker:ListModelPackages]
      Resource: "*"`},
			Defaults:   []string{"A statement with any Condition is not counted: conditions such as aws:PrincipalOrgID narrow it"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range in.AWS.ModelPackageGroupPolicies {
				if sid, ok := p.Policy.Document.PublicStatement(); ok {
					out = append(out, rule.NewResult(p.Resource, p.Policy.Meta, sid, "%s: statement %s grants access to every AWS principal", p.Address, sid))
				}
			}
			return out
		},
	})
}
