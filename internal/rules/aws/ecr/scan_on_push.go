package ecr

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-ECR-001", Slug: "repository-scan-on-push",
			Title:    "ECR repository does not scan images when they are pushed",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Resources:  []string{"aws_ecr_repository", "AWS::ECR::Repository"},
			Frameworks: framework.Vulnerabilities("ECR.1"),
			Rationale: "Training and inference images carry large Python stacks (CUDA, PyTorch, serving frameworks) with frequent " +
				"critical vulnerabilities. Without a scan on push, an image with a known remote-code-execution flaw goes to an endpoint unnoticed.",
			Remediation: "Set image_scanning_configuration.scan_on_push = true, or configure registry-wide scanning " +
				"(aws_ecr_registry_scanning_configuration), which this rule takes into account.",
			Fixes: map[string]string{"terraform": `resource "aws_ecr_repository" "inference" {
  name = "inference"
  image_scanning_configuration {
    scan_on_push = true
  }
}`, "cloudformation": `ImageScanningConfiguration:
  ScanOnPush: true`},
			Defaults:   []string{"aws_ecr_repository.image_scanning_configuration: absent means scan_on_push = false"},
			References: []string{"https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			if in.AWS.RegistryScanning {
				return nil // registry-wide scanning replaces the per-repository setting
			}
			var out []rule.Result
			for _, r := range in.AWS.Repositories {
				if r.ScanOnPush.IsFalse() {
					out = append(out, rule.NewResult(r.Resource, r.ScanOnPush.Meta, "false",
						"%s does not scan images on push (scan_on_push = false%s)", r.Address, rule.DefaultNote(r.ScanOnPush.Explicit)))
				}
			}
			return out
		},
	})
}
