package sagemaker

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-011", Slug: "endpoint-volume-customer-managed-key",
			Title:    "SageMaker endpoint configuration does not encrypt instance volumes with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_endpoint_configuration"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The ML storage volumes of endpoint instances hold the model artifact and whatever the container writes. " +
				"Without a customer managed key the key policy cannot restrict who may decrypt them.",
			Remediation: "Set kms_key_arn to a customer managed KMS key. Serverless variants and instance types with local NVMe " +
				"instance storage (which is hardware-encrypted) do not take a key; this rule does not flag configurations made only of those.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_endpoint_configuration" "this" {
  # ...
  kms_key_arn = aws_kms_key.ml.arn
}`},
			Defaults:   []string{"aws_sagemaker_endpoint_configuration.kms_key_arn: none; volumes then use an AWS managed key"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ec := range in.AWS.EndpointConfigs {
				if !takesVolumeKey(ec) {
					continue
				}
				if why, bad := check.NotCustomerKey(ec.KMSKey); bad {
					out = append(out, rule.NewResult(ec.Resource, ec.KMSKey.Meta, ec.KMSKey.Value, "%s: %s", ec.Address, why))
				}
			}
			return out
		},
	})
}

// localStorageFamilies are the SageMaker instance families with NVMe instance
// storage, for which CreateEndpointConfig refuses a KmsKeyId.
var localStorageFamilies = []string{
	"ml.m5d.", "ml.r5d.", "ml.c5d.", "ml.g4dn.", "ml.g5.", "ml.g6.", "ml.g6e.", "ml.p3dn.", "ml.p4d.", "ml.p4de.", "ml.p5.", "ml.p5e.", "ml.p5en.",
	"ml.trn1.", "ml.trn1n.", "ml.m6id.", "ml.c6id.", "ml.r6id.",
}

// takesVolumeKey reports whether some variant of the configuration runs on an
// instance type whose volume a KMS key would protect. Variants of unknown type
// count, so a configuration is skipped only when every variant is known not to.
func takesVolumeKey(ec *aws.EndpointConfig) bool {
	if len(ec.Variants) == 0 {
		return true
	}
	for _, v := range ec.Variants {
		if v.Serverless {
			continue
		}
		if !v.InstanceType.Known() || !hasLocalStorage(v.InstanceType.Value) {
			return true
		}
	}
	return false
}

func hasLocalStorage(instanceType string) bool {
	for _, f := range localStorageFamilies {
		if strings.HasPrefix(instanceType, f) {
			return true
		}
	}
	return false
}
