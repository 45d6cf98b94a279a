package scan_test

import (
	"slices"
	"testing"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
)

func TestTypeNames(t *testing.T) {
	for _, tc := range []struct {
		typ  string
		want []string
	}{
		{"aws_s3_bucket", []string{"aws_s3_bucket"}},
		{"AWS::S3::Bucket", []string{"AWS::S3::Bucket", "aws_s3_bucket"}},
		{"awscc_s3_bucket", []string{"awscc_s3_bucket", "AWS::S3::Bucket", "aws_s3_bucket"}},
		{"AWS::OpenSearchService::Domain", []string{"AWS::OpenSearchService::Domain", "aws_opensearch_domain"}},
		{"AWS::Not::Modelled", []string{"AWS::Not::Modelled"}},
		{"Microsoft.MachineLearningServices/workspaces", []string{"Microsoft.MachineLearningServices/workspaces"}},
	} {
		if got := scan.TypeNames(tc.typ); !slices.Equal(got, tc.want) {
			t.Errorf("TypeNames(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
	r := &rule.Rule{Metadata: rule.Metadata{Resources: []string{"aws_opensearch_domain"}}}
	if !scan.Checks(r, "awscc_opensearchservice_domain") || scan.Checks(r, "aws_opensearch_domain_policy") {
		t.Error("a rule on aws_opensearch_domain checks its awscc form and nothing else")
	}
}
