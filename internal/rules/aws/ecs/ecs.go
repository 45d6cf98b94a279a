// Package ecs holds the rules for ECS task definitions that run model
// serving and training containers.
package ecs

import (
	"fmt"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/rule"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-ECS-001", Slug: "task-definition-environment-secret", Provider: "aws", Service: "ecs",
			Title:    "ECS container definition environment holds a secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"aws_ecs_task_definition", "AWS::ECS::TaskDefinition"},
			Frameworks: framework.Secrets(),
			Rationale: "Environment values of a container definition are stored in the task definition in plain text: anyone " +
				"who can call ecs:DescribeTaskDefinition (and every CI log that prints it) sees them, and they stay in every " +
				"old revision. Model hub tokens and API keys placed there leak with it.",
			Remediation: "Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's " +
				"secrets list (valueFrom), which ECS resolves at start with the task execution role.",
			Fixes: map[string]string{"terraform": `secrets = [{
  name      = "HF_TOKEN"
  valueFrom = aws_secretsmanager_secret.hf_token.arn
}]`, "cloudformation": `Secrets:
  - Name: HF_TOKEN
    ValueFrom: !Ref HubTokenSecret`},
			Defaults:   []string{"container_definitions[].environment: empty when absent"},
			References: []string{"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, td := range in.AWS.TaskDefinitions {
				for _, c := range td.Containers {
					out = append(out, rule.SecretResults(td.Resource, c.Environment, fmt.Sprintf("container %q ", c.Name), c.Name+":")...)
				}
			}
			return out
		},
	})
}
