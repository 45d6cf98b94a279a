package scan

import (
	"slices"

	adaptcfn "github.com/mlguard/mlguard/internal/adapt/cloudformation/aws"
	"github.com/mlguard/mlguard/internal/adapt/terraform/awscc"
	"github.com/mlguard/mlguard/internal/rule"
)

// TypeNames are the names a resource of type typ is known by: its own and,
// for a CloudFormation or awscc type, the hashicorp/aws type it is read as
// (awscc_s3_bucket and AWS::S3::Bucket are aws_s3_bucket). A rule declares
// the types it checks once, in any of these names.
func TypeNames(typ string) []string {
	cfnType := typ
	if c := awscc.CloudFormationType(typ); c != "" {
		cfnType = c
	}
	names := []string{typ}
	for _, t := range []string{cfnType, adaptcfn.TerraformType(cfnType)} {
		if t != "" && !slices.Contains(names, t) {
			names = append(names, t)
		}
	}
	return names
}

// Checks reports whether r checks resources of type typ, by any of the
// type's names.
func Checks(r *rule.Rule, typ string) bool {
	return slices.ContainsFunc(TypeNames(typ), func(t string) bool { return slices.Contains(r.Resources, t) })
}
