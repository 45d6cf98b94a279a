package secretsmanager

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SECRETSMANAGER-002", Slug: "secret-policy-public",
			Title:    "Secrets Manager secret policy grants access to everyone",
			Severity: rule.Critical, Category: rule.Secrets,
			Resources:  []string{"aws_secretsmanager_secret", "aws_secretsmanager_secret_policy", "AWS::SecretsManager::ResourcePolicy"},
			Frameworks: framework.PublicAccess(),
			Rationale: "A resource policy with Principal \"*\" and no condition lets any AWS account read the secret (model hub " +
				"tokens, database passwords, API keys) with nothing but its ARN.",
			Remediation: "Name the roles that may read the secret in Principal, or add an aws:PrincipalOrgID or aws:PrincipalArn condition.",
			Fixes: map[string]string{"terraform": `statement {
  principals {
    type        = "AWS"
    identifiers = [aws_iam_role.training.arn]
  }
  actions   = ["secretsmanager:GetSecretValue"]
  resources = ["*"]
}`, "cloudformation": `ResourcePolicy:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Principal: {AWS: !GetAtt TrainingRole.Arn}
      Action: secretsmanager:GetSecretValue
      Resource: "*"`},
			Defaults: []string{"A secret without a resource policy is readable only through identity policies of its own account",
				"A secret policy whose secret is not in the code is judged on its own, at the policy resource"},
			References: []string{"https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.AWS.Secrets {
				for _, p := range s.Policies {
					if sid, ok := p.Document.PublicStatement(); ok {
						out = append(out, rule.NewResult(s.Resource, p.Meta, sid, "%s: %s statement %s grants access to every AWS principal%s",
							s.Address, p.Name, sid, declaredIn(s.Address, p.Source.Address)))
					}
				}
			}
			for _, p := range in.AWS.Detached("secret policy") {
				if sid, ok := p.Document.PublicStatement(); ok {
					out = append(out, rule.NewResult(p.Source, p.Meta, sid,
						"%s: statement %s of this secret policy (its secret is not in the code) grants access to every AWS principal", p.Source.Address, sid))
				}
			}
			return out
		},
	})
}

func declaredIn(owner, source string) string {
	if source == "" || source == owner {
		return ""
	}
	return " (declared in " + source + ")"
}
