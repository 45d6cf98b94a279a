package scan

import (
	"context"
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
	got := nestedParameters(context.Background(), tree, Options{Limits: source.DefaultLimits})
	if len(got) != 2 || got["out/a.nested.template.json"]["Env"] != "prod" || got["out/b.nested.template.json"]["Mode"] != "Suspended" {
		t.Errorf("nested parameters %v", got)
	}
	if _, ok := got["out/a.nested.template.json"]["Arn"]; ok {
		t.Errorf("an unknown parameter was passed: %v", got)
	}
}
