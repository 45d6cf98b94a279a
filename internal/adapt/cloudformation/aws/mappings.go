package aws

import (
	"github.com/zclconf/go-cty/cty"

	cfn "github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// mappings translate each CloudFormation resource type mlguard models. A
// property left out of renames is the snake_case of its name in the provider
// (KmsKeyId -> kms_key_id), which holds for most SageMaker properties because
// both follow the SageMaker API.
var mappings = map[string]mapping{
	"AWS::SageMaker::NotebookInstance": {tf: "aws_sagemaker_notebook_instance", renames: map[string]string{
		"NotebookInstanceName": "name", "SecurityGroupIds": "security_groups",
	}},
	"AWS::SageMaker::Domain": {tf: "aws_sagemaker_domain"},
	"AWS::SageMaker::Model": {tf: "aws_sagemaker_model", renames: map[string]string{
		"ModelName": "name", "Containers": "container",
	}},
	"AWS::SageMaker::EndpointConfig": {tf: "aws_sagemaker_endpoint_configuration", renames: map[string]string{
		"EndpointConfigName": "name", "KmsKeyId": "kms_key_arn",
	}},
	"AWS::IAM::Role": {tf: "aws_iam_role", renames: map[string]string{
		"RoleName": "name", "AssumeRolePolicyDocument": "assume_role_policy",
		"Policies": "inline_policy", "Policies.PolicyName": "name", "Policies.PolicyDocument": "policy",
	}, policies: []string{"AssumeRolePolicyDocument", "Policies.PolicyDocument"}},
	"AWS::IAM::ManagedPolicy": {tf: "aws_iam_policy", renames: map[string]string{
		"ManagedPolicyName": "name", "PolicyDocument": "policy",
	}, policies: []string{"PolicyDocument"}, split: managedPolicy},
	"AWS::IAM::Policy": {tf: "aws_iam_role_policy", renames: map[string]string{
		"PolicyName": "name", "PolicyDocument": "policy",
	}, policies: []string{"PolicyDocument"}, split: inlinePolicy},
	"AWS::IAM::RolePolicy": {tf: "aws_iam_role_policy", renames: map[string]string{
		"PolicyName": "name", "PolicyDocument": "policy", "RoleName": "role",
	}, policies: []string{"PolicyDocument"}},
	"AWS::EC2::VPC":                         {tf: "aws_vpc"},
	"AWS::EC2::Subnet":                      {tf: "aws_subnet"},
	"AWS::EC2::RouteTable":                  {tf: "aws_route_table"},
	"AWS::EC2::Route":                       {tf: "aws_route"},
	"AWS::EC2::SubnetRouteTableAssociation": {tf: "aws_route_table_association"},
	"AWS::EC2::InternetGateway":             {tf: "aws_internet_gateway"},
	"AWS::KMS::Key": {tf: "aws_kms_key", renames: map[string]string{
		"KeyPolicy": "policy", "KeySpec": "customer_master_key_spec",
	}, policies: []string{"KeyPolicy"}},
}

// managedPolicy is a customer managed policy plus, when it names roles, the
// attachment the provider spells as a separate resource.
func managedPolicy(m mapping, r *cfn.Resource) []*terraform.Resource {
	pol := m.document(m.tf, r, r.Properties)
	out := []*terraform.Resource{pol}
	roles := r.Properties.Get("Roles")
	if roles == nil {
		return out
	}
	att := m.document("aws_iam_policy_attachment", r, nil)
	att.Body.Attrs["roles"] = &terraform.Attr{Name: "roles", Value: toCty(roles), Refs: roles.AllRefs(), Range: roles.Range}
	// The attachment names the policy by its ARN, which only a deployment knows.
	att.Body.Attrs["policy_arn"] = &terraform.Attr{Name: "policy_arn", Value: cty.DynamicVal, Refs: []string{r.LogicalID}, Range: r.Range}
	return append(out, att)
}

// inlinePolicy is an AWS::IAM::Policy: an inline policy embedded in each role
// it names (its users and groups are not modelled).
func inlinePolicy(m mapping, r *cfn.Resource) []*terraform.Resource {
	roles := r.Properties.Get("Roles")
	if roles == nil || roles.Kind != cfn.List {
		return nil
	}
	var out []*terraform.Resource
	for _, role := range roles.List {
		d := m.document(m.tf, r, r.Properties)
		delete(d.Body.Attrs, "roles")
		d.Body.Attrs["role"] = &terraform.Attr{Name: "role", Value: toCty(role), Refs: role.AllRefs(), Range: role.Range}
		out = append(out, d)
	}
	return out
}
