package awscc

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/source"
)

func TestTypes(t *testing.T) {
	for awscc, want := range map[string]string{
		"awscc_sagemaker_notebook_instance":      "AWS::SageMaker::NotebookInstance",
		"awscc_ec2_vpc_endpoint":                 "AWS::EC2::VPCEndpoint",
		"awscc_s3_bucket":                        "AWS::S3::Bucket",
		"awscc_kms_key":                          "AWS::KMS::Key",
		"awscc_iam_role":                         "AWS::IAM::Role",
		"awscc_ecr_repository":                   "AWS::ECR::Repository",
		"awscc_cloudtrail_trail":                 "AWS::CloudTrail::Trail",
		"awscc_sagemaker_mlflow_tracking_server": "AWS::SageMaker::MlflowTrackingServer",
		"awscc_not_a_type":                       "",
	} {
		if got := CloudFormationType(awscc); got != want {
			t.Errorf("%s: %q, want %q", awscc, got, want)
		}
	}
}

// TestResource: names are spelled as CloudFormation spells them where the
// translation looks them up (KMSKeyId), PascalCase elsewhere; free-form
// maps keep their keys; blocks of one type (as plans write nested
// attributes) become a list; nested values keep the line they were
// written on.
func TestResource(t *testing.T) {
	at := func(l int) source.Range { return source.Range{File: "main.tf", StartLine: l, EndLine: l} }
	trail := &terraform.Resource{Address: "awscc_cloudtrail_trail.t", Type: "awscc_cloudtrail_trail", Mode: "managed", Range: at(1),
		Body: &terraform.Block{Attrs: map[string]*terraform.Attr{
			"kms_key_id": {Name: "kms_key_id", Value: cty.StringVal("k"), Range: at(2)},
			"is_logging": {Name: "is_logging", Value: cty.True, Range: at(3)},
		}, Blocks: []*terraform.Block{
			{Type: "event_selectors", Range: at(4), Attrs: map[string]*terraform.Attr{"read_write_type": {Value: cty.StringVal("All"), Range: at(5)}}},
			{Type: "event_selectors", Range: at(6), Attrs: map[string]*terraform.Attr{"read_write_type": {Value: cty.StringVal("ReadOnly"), Range: at(7)}}},
		}},
	}
	r := resource(trail, "AWS::CloudTrail::Trail")
	if r.LogicalID != "awscc_cloudtrail_trail.t" || r.Properties.Get("KMSKeyId").Str != "k" || !r.Properties.Get("IsLogging").Bool {
		t.Errorf("properties %v", r.Properties.Keys)
	}
	if sel := r.Properties.Get("EventSelectors"); sel == nil || sel.Kind != node.List || len(sel.List) != 2 || sel.List[1].Get("ReadWriteType").Str != "ReadOnly" {
		t.Errorf("event selectors %+v", sel)
	}
	model := &terraform.Resource{Address: "awscc_sagemaker_model.m", Type: "awscc_sagemaker_model", Mode: "managed", Range: at(1),
		Body: &terraform.Block{Attrs: map[string]*terraform.Attr{
			"primary_container": {Name: "primary_container", Range: at(2), Parts: map[string]source.Range{"environment": at(3), "environment.HF_TOKEN": at(4)},
				Value: cty.ObjectVal(map[string]cty.Value{"environment": cty.ObjectVal(map[string]cty.Value{"HF_TOKEN": cty.StringVal("x")})})},
		}},
	}
	env := resource(model, "AWS::SageMaker::Model").Properties.Path("PrimaryContainer", "Environment")
	if env == nil || env.Get("HF_TOKEN") == nil || env.Get("HF_TOKEN").Range.StartLine != 4 {
		t.Errorf("environment %+v", env)
	}
}
