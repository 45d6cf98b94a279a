package ecr

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-ECR-002", Slug: "repository-immutable-tags",
			Title:    "ECR repository lets image tags be overwritten",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Resources:  []string{"aws_ecr_repository", "AWS::ECR::Repository"},
			Frameworks: framework.Integrity("ECR.2"),
			Rationale: "SageMaker models and jobs name their image by tag. With mutable tags, anyone who can push replaces the image " +
				"behind a tag already deployed: the next endpoint scale-out or training job runs code that was never reviewed.",
			Remediation: "Set image_tag_mutability = \"IMMUTABLE\" and publish every build under a new tag (or deploy by digest).",
			Fixes: map[string]string{"terraform": `resource "aws_ecr_repository" "inference" {
  name                 = "inference"
  image_tag_mutability = "IMMUTABLE"
}`, "cloudformation": `ImageTagMutability: IMMUTABLE`},
			Defaults:   []string{"aws_ecr_repository.image_tag_mutability: \"MUTABLE\" when not set"},
			References: []string{"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.Repositories {
				if r.TagMutability.Is("MUTABLE") {
					out = append(out, rule.NewResult(r.Resource, r.TagMutability.Meta, "MUTABLE",
						"%s lets pushed tags be overwritten (image_tag_mutability = \"MUTABLE\"%s)", r.Address, rule.DefaultNote(r.TagMutability.Explicit)))
				}
			}
			return out
		},
	})
}
