package aws

import (
	"sort"
	"strings"

	cfn "github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// Types lists the CloudFormation resource types this adapter translates.
func Types() []string {
	out := make([]string, 0, len(mappings))
	for t := range mappings {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Translate turns one CloudFormation resource into the provider-shaped
// documents the Terraform AWS adapter reads (nil for a type not modelled).
// The AWS Cloud Control provider (awscc) reuses it: its resources are
// CloudFormation resources with snake_case names.
func Translate(r *cfn.Resource) []*terraform.Resource {
	m, ok := mappings[r.Type]
	if !ok {
		return nil
	}
	return m.documents(r)
}

// Spellings are the CloudFormation property names a type's translation
// looks up by name, by their spelling with case and underscores removed
// ("kmskeyid" -> "KMSKeyId"): the names where spelling matters.
func Spellings(cfnType string) map[string]string {
	m, ok := mappings[cfnType]
	if !ok {
		return nil
	}
	out := map[string]string{}
	add := func(path string) {
		for _, k := range strings.Split(path, ".") {
			out[Fold(k)] = k
		}
	}
	for p := range m.renames {
		add(p)
	}
	for _, list := range [][]string{m.policies, m.lists, m.maps, splitProperties} {
		for _, p := range list {
			add(p)
		}
	}
	for p := range m.values {
		add(p)
	}
	return out
}

// FreeForm reports whether the property at a path of CloudFormation names
// is a free-form map whose keys are data (environment variables).
func FreeForm(cfnType, path string) bool {
	return contains(mappings[cfnType].maps, path)
}

// Fold is a property name with case and underscores removed, the form in
// which CloudFormation (KMSKeyId) and awscc (kms_key_id) spellings agree.
func Fold(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// splitProperties are names the split translations read directly.
var splitProperties = []string{
	"BucketEncryption", "PublicAccessBlockConfiguration", "VersioningConfiguration", "LoggingConfiguration",
	"Content", "ModelPackageGroupPolicy", "RoleArn", "PipelineDefinition", "PipelineDefinitionBody",
	"MonitoringScheduleConfig", "MonitoringJobDefinition", "RepositoryPolicyText", "ImageScanningConfiguration",
	"EncryptionConfiguration", "ImageTagMutability", "Roles", "Groups", "Users", "PolicyDocument", "ManagedPolicyArns",
	"ActionGroups", "ActionGroupExecutor", "Lambda",
}

// Snake is the snake_case spelling the provider and awscc give a
// CloudFormation name: KmsKeyId -> kms_key_id, VPCEndpoint -> vpc_endpoint.
func Snake(s string) string { return snake(s) }

// TerraformType is the provider's resource type a CloudFormation resource
// type is read as (aws_sagemaker_model for AWS::SageMaker::Model), or ""
// for a type not modelled.
func TerraformType(cfnType string) string { return mappings[cfnType].tf }
