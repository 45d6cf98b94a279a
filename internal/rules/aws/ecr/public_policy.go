package ecr

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-ECR-004", Slug: "repository-policy-public",
			Title:    "ECR repository policy grants access to everyone",
			Severity: rule.High, Category: rule.SupplyChain,
			Resources:  []string{"aws_ecr_repository", "aws_ecr_repository_policy", "AWS::ECR::Repository"},
			Frameworks: framework.PublicAccess(),
			Rationale: "A repository policy that allows Principal \"*\" lets every AWS account pull (and, with push actions, replace) " +
				"training and inference images, with the model weights and code inside them.",
			Remediation: "Name the accounts or roles that may pull, or add a condition such as aws:PrincipalOrgID.",
			Fixes: map[string]string{"terraform": `statement {
  actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
  principals {
    type        = "AWS"
    identifiers = ["arn:aws:iam::111122223333:root"]
  }
}`, "cloudformation": `RepositoryPolicyText:
  Statement:
    - Effect: Allow
      Principal: {AWS: arn:aws:iam::111122223333:root}
      Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]`},
			Defaults: []string{"no repository policy: only identities of the owning account that are granted ECR access can pull",
				"A repository policy whose repository is not in the code is judged on its own, at the policy resource"},
			References: []string{"https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.Repositories {
				for _, p := range r.Policies {
					if sid, ok := p.Document.PublicStatement(); ok {
						out = append(out, rule.NewResult(r.Resource, p.Meta, sid,
							"%s: statement %s of its repository policy allows any principal without a condition", r.Address, sid))
					}
				}
			}
			for _, p := range in.AWS.Detached("repository policy") {
				if sid, ok := p.Document.PublicStatement(); ok {
					out = append(out, rule.NewResult(p.Source, p.Meta, sid,
						"%s: statement %s of this repository policy (its repository is not in the code) allows any principal without a condition", p.Source.Address, sid))
				}
			}
			return out
		},
	})
}
