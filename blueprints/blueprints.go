// Package blueprints holds mlguard's secure ML platform blueprints: Terraform
// modules (and CloudFormation templates) that bake in the controls mlguard's
// rules check, each with a blueprint.yaml that describes it. They are
// embedded in the binary so that `mlguard blueprints init` works offline;
// internal/blueprint reads them.
package blueprints

import "embed"

// The IAM policies and SCPs in the blueprints are what mlguard iam scope and
// mlguard guardrails compile produce; regenerate them after changing either.
//go:generate go run ../internal/blueprint/gen -root .

// FS holds every blueprint, under its cloud: aws/secure-notebook/...
//
//go:embed aws gcp azure
var FS embed.FS
