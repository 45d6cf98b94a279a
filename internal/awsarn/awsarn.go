// Package awsarn builds the ARNs of AWS resources from what configuration
// says about them (names, the account and region they are deployed to), so
// that the Terraform reader and the access analysis name a resource with the
// same string. A resource whose ARN holds an ID AWS generates (a KMS key, a
// secret's suffix) gets a stand-in derived from its address: a policy that
// references that resource's ARN reads the same stand-in, and a wildcard
// pattern that would match the real ARN matches it too. It imports nothing
// of mlguard.
package awsarn

import (
	"strings"
)

// Account is where a configuration is deployed.
type Account struct {
	Partition string // "aws" when empty
	ID        string // the 12-digit account ID
	Region    string // "" when not known: regional ARNs are then not built
}

func (a Account) partition() string {
	if a.Partition == "" {
		return "aws"
	}
	return a.Partition
}

// Stand is the prefix of the stand-in IDs: "tf-" then the resource's address.
const Stand = "tf-"

// Of builds the ARN of a resource of the given Terraform type from its
// configured attributes (attr returns an attribute's known string, or ok
// false), its address, and the account. ok is false when the type is not one
// it knows or a part the ARN needs is not known.
func Of(a Account, typ, address string, attr func(string) (string, bool)) (string, bool) {
	b, ok := builders[typ]
	if !ok || a.ID == "" {
		return "", false
	}
	if b.regional && a.Region == "" {
		return "", false
	}
	name := address
	if b.nameAttr != "" {
		n, ok := attr(b.nameAttr)
		if !ok || n == "" {
			return "", false
		}
		name = n
	} else {
		name = Stand + address
	}
	if b.lower {
		name = strings.ToLower(name)
	}
	if b.path {
		// IAM ARNs carry the path, which starts and ends with a slash
		// and defaults to "/": role/NAME, role/team/NAME.
		p, ok := attr("path")
		if !ok || p == "" {
			p = "/"
		}
		name = p + name
	}
	region := ""
	if b.regional {
		region = a.Region
	}
	acct := a.ID
	if b.global {
		acct = ""
	}
	return "arn:" + a.partition() + ":" + b.service + ":" + region + ":" + acct + ":" + b.prefix + name + b.suffix, true
}

// builder says how one type's ARN is made.
type builder struct {
	service, prefix, suffix string
	nameAttr                string // "" for IDs AWS generates: the stand-in
	regional, global        bool   // global: no account field (S3 buckets)
	path                    bool   // IAM names follow their path
	lower                   bool   // SageMaker writes names in lower case in ARNs
}

// builders are the types whose ARNs the access analysis reads. Provider
// documentation of each resource's arn attribute: aws_iam_role
// (arn:aws:iam::ACCOUNT:role/PATH/NAME), aws_s3_bucket (arn:aws:s3:::NAME),
// aws_ecr_repository (arn:aws:ecr:REGION:ACCOUNT:repository/NAME), and the
// SageMaker ARN formats of the Service Authorization Reference.
var builders = map[string]builder{
	"aws_iam_role":                      {service: "iam", prefix: "role", nameAttr: "name", path: true},
	"aws_iam_user":                      {service: "iam", prefix: "user", nameAttr: "name", path: true},
	"aws_iam_group":                     {service: "iam", prefix: "group", nameAttr: "name", path: true},
	"aws_iam_policy":                    {service: "iam", prefix: "policy", nameAttr: "name", path: true},
	"aws_s3_bucket":                     {service: "s3", nameAttr: "bucket", global: true},
	"aws_kms_key":                       {service: "kms", prefix: "key/", regional: true},
	"aws_ecr_repository":                {service: "ecr", prefix: "repository/", nameAttr: "name", regional: true},
	"aws_secretsmanager_secret":         {service: "secretsmanager", prefix: "secret:", nameAttr: "name", suffix: "-000000", regional: true},
	"aws_sagemaker_model_package_group": {service: "sagemaker", prefix: "model-package-group/", nameAttr: "model_package_group_name", regional: true, lower: true},
	"aws_sagemaker_endpoint":            {service: "sagemaker", prefix: "endpoint/", nameAttr: "name", regional: true, lower: true},
	"aws_sagemaker_model":               {service: "sagemaker", prefix: "model/", nameAttr: "name", regional: true, lower: true},
	"aws_sagemaker_feature_group":       {service: "sagemaker", prefix: "feature-group/", nameAttr: "feature_group_name", regional: true, lower: true},
	"aws_bedrock_custom_model":          {service: "bedrock", prefix: "custom-model/", regional: true},
	"aws_bedrockagent_knowledge_base":   {service: "bedrock", prefix: "knowledge-base/", regional: true},
}

// Known reports whether Of builds ARNs for the type.
func Known(typ string) bool { _, ok := builders[typ]; return ok }

// AccountOf returns the account field of an ARN ("" for S3 buckets and
// strings that are not ARNs).
func AccountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}

// Root is the ARN that stands for every principal of an account.
func Root(partition, account string) string {
	if partition == "" {
		partition = "aws"
	}
	return "arn:" + partition + ":iam::" + account + ":root"
}

// IsAccountID reports whether s is a 12-digit account ID.
func IsAccountID(s string) bool {
	return len(s) == 12 && strings.Trim(s, "0123456789") == ""
}
