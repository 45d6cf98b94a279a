package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCDKOut: the synthesized example app is read, nested stack included;
// findings carry the construct path, and the managed policy the CDK writes
// as Fn::Join over AWS::Partition is recognised.
func TestCDKOut(t *testing.T) {
	code, out, stderr := run(t, "scan", "-f", "json", "../../examples/cdk/cdk.out")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Findings []struct {
			RuleID    string `json:"rule_id"`
			Resource  string `json:"resource"`
			Construct string `json:"construct_path"`
			File      string `json:"file"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		got = append(got, f.RuleID+" "+f.Resource+" "+f.Construct)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"AWS-IAM-001 NotebookRoleCDEC1E3A MlPlatform/NotebookRole",
		"AWS-SAGEMAKER-001 Notebook MlPlatform/Notebook",
		"AWS-KMS-001 Key961B73FD MlPlatform/Key",
		"AWS-S3-005 Data666C94C7 MlPlatform/Storage/Data",
		// Versioning is a parameter of the nested stack; the parent passes
		// Suspended.
		"AWS-S3-005 Models MlPlatform/Storage/Models",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in:\n%s", want, joined)
		}
	}
	if len(doc.Findings) != 13 {
		t.Errorf("%d findings, want 13:\n%s", len(doc.Findings), joined)
	}
	// Read alone, the nested template does not know the parameter: the
	// bucket's versioning is unknown and not judged.
	_, out, _ = run(t, "scan", "-f", "json", "../../examples/cdk/cdk.out/MlPlatformStorage486C7CFB.nested.template.json")
	doc.Findings = nil
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Findings {
		if f.RuleID == "AWS-S3-005" && f.Resource == "Models" {
			t.Errorf("the nested template alone knew the parent's parameter: %+v", f)
		}
	}
}

// TestAwsccExample: the awscc example is judged with CloudFormation's
// defaults, by the AWS rules, at the lines of its resources.
func TestAwsccExample(t *testing.T) {
	_, out, stderr := run(t, "scan", "-f", "json", "../../examples/awscc")
	var doc struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			Line   int    `json:"start_line"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	var got []string
	for _, f := range doc.Findings {
		got = append(got, fmt.Sprintf("%s:%d", f.RuleID, f.Line))
	}
	slices.Sort(got)
	want := []string{"AWS-IAM-001:55", "AWS-IAM-005:47", "AWS-KMS-001:13", "AWS-S3-002:39", "AWS-S3-004:27", "AWS-S3-005:27",
		"AWS-SAGEMAKER-001:58", "AWS-SAGEMAKER-002:62", "AWS-SAGEMAKER-003:58", "AWS-SAGEMAKER-004:58", "AWS-SAGEMAKER-005:58"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}
