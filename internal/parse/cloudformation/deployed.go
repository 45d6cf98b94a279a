package cloudformation

import (
	"strings"

	"github.com/mlguard/mlguard/internal/awsarn"
	"github.com/mlguard/mlguard/internal/source"
)

// named is a resource type whose ARN follows from its configured name once
// the account is known (mlguard access sets AWS::AccountId).
type named struct {
	tf    string            // the provider's type, which awsarn knows
	props map[string]string // the provider's attribute → the template's property
	ref   string            // what Ref returns: "name", "arn" or "id"
	arn   string            // the GetAtt attribute holding the ARN
}

var namedTypes = map[string]named{
	"AWS::S3::Bucket":                   {tf: "aws_s3_bucket", props: map[string]string{"bucket": "BucketName"}, ref: "name", arn: "Arn"},
	"AWS::IAM::Role":                    {tf: "aws_iam_role", props: map[string]string{"name": "RoleName", "path": "Path"}, ref: "name", arn: "Arn"},
	"AWS::ECR::Repository":              {tf: "aws_ecr_repository", props: map[string]string{"name": "RepositoryName"}, ref: "name", arn: "Arn"},
	"AWS::KMS::Key":                     {tf: "aws_kms_key", ref: "id", arn: "Arn"},
	"AWS::SecretsManager::Secret":       {tf: "aws_secretsmanager_secret", props: map[string]string{"name": "Name"}, ref: "arn", arn: "Id"},
	"AWS::SageMaker::ModelPackageGroup": {tf: "aws_sagemaker_model_package_group", props: map[string]string{"model_package_group_name": "ModelPackageGroupName"}, ref: "arn", arn: "ModelPackageGroupArn"},
	"AWS::SageMaker::Endpoint":          {tf: "aws_sagemaker_endpoint", props: map[string]string{"name": "EndpointName"}, ref: "arn", arn: "EndpointArn"},
}

// deployedValue is what Ref (attr "") or Fn::GetAtt (attr) gives of a
// resource whose names are literals, when the account is given; nil when
// it is not known.
func (e *evaluator) deployedValue(id, attr string, at source.Range) *Value {
	acct := e.pseudo["AWS::AccountId"]
	r := e.raw[id]
	if acct == "" || r == nil {
		return nil
	}
	typ, _ := r.Get("Type").Text()
	n, ok := namedTypes[typ]
	if !ok {
		return nil
	}
	props := r.Get("Properties")
	lookup := func(tfAttr string) (string, bool) {
		p, ok := n.props[tfAttr]
		if !ok || props == nil {
			return "", false
		}
		v := props.Get(p)
		if v == nil || v.Kind != String {
			return "", false // absent (a generated name) or not a literal
		}
		return v.Str, true
	}
	arn, ok := awsarn.Of(awsarn.Account{Partition: e.partition, ID: acct, Region: e.pseudo["AWS::Region"]}, n.tf, id, lookup)
	if !ok {
		return nil
	}
	want := n.ref
	if attr != "" {
		if attr != n.arn {
			return nil
		}
		want = "arn"
	}
	switch want {
	case "arn":
		return &Value{Kind: String, Str: arn, Range: at}
	case "id":
		return &Value{Kind: String, Str: arn[strings.LastIndexByte(arn, '/')+1:], Range: at}
	}
	for tfAttr := range n.props {
		if tfAttr != "path" {
			if name, ok := lookup(tfAttr); ok {
				return &Value{Kind: String, Str: name, Range: at}
			}
		}
	}
	return nil
}
