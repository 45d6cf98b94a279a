package sagemaker

import (
	"net/url"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/secrets"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-015", Slug: "code-repository-url-credentials",
			Title:    "SageMaker code repository URL embeds credentials",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"aws_sagemaker_code_repository", "AWS::SageMaker::CodeRepository"},
			Frameworks: framework.Secrets(),
			Rationale: "A repository URL of the form https://user:token@host is returned by DescribeCodeRepository and shown in " +
				"Studio and notebooks to everyone who can use them; the token gives access to the repository, often with write rights.",
			Remediation: "Use a plain https URL and put the credentials in a Secrets Manager secret referenced by git_config.secret_arn.",
			Fixes: map[string]string{"terraform": `git_config {
  repository_url = "https://github.com/example/churn-model.git"
  secret_arn     = aws_secretsmanager_secret.git.arn
}`, "cloudformation": `GitConfig:
  RepositoryUrl: https://github.com/example/churn-model.git
  SecretArn: !Ref GitSecret`},
			Defaults:   []string{"git_config.secret_arn: none when not set; public repositories need none"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-git-resource.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.CodeRepositories {
				if !r.URL.Known() {
					continue
				}
				u, err := url.Parse(r.URL.Value)
				if err != nil || u.User == nil {
					continue
				}
				cred := u.User.Username()
				if p, ok := u.User.Password(); ok {
					cred = p
				} else if len(cred) < 20 {
					continue // a user name alone (git@, user@) is not a credential
				}
				out = append(out, rule.NewResult(r.Resource, r.URL.Meta, secrets.Redact(cred),
					"%s: the repository URL embeds a credential (%s)", r.Address, secrets.Redact(cred)))
			}
			return out
		},
	})
}
