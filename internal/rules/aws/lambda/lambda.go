// Package lambda holds the rules for Lambda functions around ML platforms:
// inference handlers and pipeline glue.
package lambda

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-LAMBDA-001", Slug: "function-environment-secret", Provider: "aws", Service: "lambda",
			Title:    "Lambda function environment holds a secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"aws_lambda_function", "AWS::Lambda::Function"},
			Frameworks: framework.Secrets(),
			Rationale: "Lambda environment variables are shown by lambda:GetFunctionConfiguration and in the console to everyone " +
				"with read access to the function, and they are written in the repository that deploys it. Inference handlers " +
				"often carry model-provider API keys this way.",
			Remediation: "Store the value in Secrets Manager and read it at run time (the AWS Parameters and Secrets Lambda " +
				"extension caches it), passing only the secret's ARN in the environment.",
			Fixes: map[string]string{"terraform": `environment {
  variables = {
    OPENAI_API_KEY_SECRET_ARN = aws_secretsmanager_secret.openai.arn
  }
}`, "cloudformation": `Environment:
  Variables:
    OPENAI_API_KEY_SECRET_ARN: !Ref OpenAiKeySecret`},
			Defaults:   []string{"aws_lambda_function.environment.variables: empty when absent"},
			References: []string{"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, f := range in.AWS.Functions {
				out = append(out, rule.SecretResults(f.Resource, f.Environment, "", "")...)
			}
			return out
		},
	})
}
