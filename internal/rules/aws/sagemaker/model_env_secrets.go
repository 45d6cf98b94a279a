package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-013", Slug: "model-environment-secret",
			Title:    "SageMaker model container environment holds a secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"aws_sagemaker_model", "AWS::SageMaker::Model"},
			Frameworks: framework.Secrets(),
			Rationale: "Container environment variables are returned in clear text by DescribeModel to anyone with read access to " +
				"SageMaker, are kept in the Terraform state and CloudFormation template, and end up in the repository. A model-hub " +
				"token, database password or access key there is readable far beyond the endpoint that needs it.",
			Remediation: "Keep the secret in Secrets Manager and have the container read it at start-up with its execution role; " +
				"pass only the secret's name or ARN in the environment.",
			Fixes: map[string]string{"terraform": `primary_container {
  image = var.image
  environment = {
    HF_TOKEN_SECRET_ARN = aws_secretsmanager_secret.hub_token.arn
  }
}`, "cloudformation": `Environment:
  HF_TOKEN_SECRET_ARN: !Ref HubTokenSecret`},
			Defaults:   []string{"primary_container.environment / container.environment: empty when not set"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, m := range in.AWS.Models {
				for _, c := range m.Containers {
					out = append(out, rule.SecretResults(m.Resource, c.Environment, "", "")...)
				}
			}
			return out
		},
	})
}
