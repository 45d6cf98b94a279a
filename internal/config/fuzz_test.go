package config

import (
	"testing"
	"time"
)

// FuzzParse: any .mlguard.yaml either parses or is refused with an error;
// globbing and expiry never panic on what it holds.
func FuzzParse(f *testing.F) {
	f.Add([]byte("disabled_rules: [AWS-SAGEMAKER-005]\nexclude_paths: [\"legacy/**\"]\nseverity_overrides: {AWS-SAGEMAKER-003: LOW}\ninline_suppressions: false\nignore:\n  - rule: AWS-IAM-001\n    resource: aws_iam_role.*\n    path: \"stacks/**\"\n    reason: later\n    expires: 2027-01-31\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("exclude_paths: [\"[\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(".mlguard.yaml", data)
		if err != nil {
			return
		}
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		_ = c.Excluded("stacks/a/main.tf")
		_ = c.Disabled("AWS-SAGEMAKER-001")
		_ = c.Ignored("AWS-IAM-001", "aws_iam_role.x", "stacks/a/main.tf", now)
	})
}
