package scan

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/source"
)

// TestNestedParameters: a parent names its nested template by asset
// metadata or by the hash at the end of its TemplateURL; known parameter
// values are passed, unknown ones are not.
func TestNestedParameters(t *testing.T) {
	parent := `{"Resources": {
  "ByMeta": {"Type": "AWS::CloudFormation::Stack", "Metadata": {"aws:asset:path": "a.nested.template.json"},
    "Properties": {"TemplateURL": "https://x/y.json", "Parameters": {"Env": "prod", "Arn": {"Fn::GetAtt": ["Key", "Arn"]}}}},
  "ByHash": {"Type": "AWS::CloudFormation::Stack",
    "Properties": {"TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::Region"}, ".amazonaws.com/b/abc123.json"]]}, "Parameters": {"Mode": "Suspended"}}},
  "Missing": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://s3.amazonaws.com/b/dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.json"}},
  "Key": {"Type": "AWS::KMS::Key"}
}}`
	fsys := fstest.MapFS{
		"out/Parent.template.json":   {Data: []byte(parent)},
		"out/Parent.assets.json":     {Data: []byte(`{"files": {"abc123": {"source": {"path": "b.nested.template.json"}}, "evil": {"source": {"path": "../x.json"}}}}`)},
		"out/a.nested.template.json": {Data: []byte(`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`)},
		"out/b.nested.template.json": {Data: []byte(`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`)},
	}
	tree, err := source.Discover(context.Background(), fsys, ".", source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got, diags := nestedParameters(context.Background(), tree, Options{Limits: source.DefaultLimits})
	if len(got) != 2 || got["out/a.nested.template.json"]["Env"] != "prod" || got["out/b.nested.template.json"]["Mode"] != "Suspended" {
		t.Errorf("nested parameters %v", got)
	}
	if _, ok := got["out/a.nested.template.json"]["Arn"]; ok {
		t.Errorf("an unknown parameter was passed: %v", got)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Error(), "Nested stack template not found") || !strings.Contains(diags[0].Error(), strings.Repeat("d", 64)) {
		t.Errorf("diagnostics %v, want one for the missing asset", diags)
	}
}
