package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-003", Slug: "notebook-customer-managed-key",
			Title:    "SageMaker notebook instance volume is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_notebook_instance"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "The notebook's ML storage volume holds datasets, checkpoints and model artifacts. With an AWS managed key you " +
				"cannot restrict who may decrypt it through the key policy, audit key use separately or revoke access by disabling the key.",
			Remediation: "Set kms_key_id to a customer managed KMS key whose policy grants use only to the notebook's execution role and administrators.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_notebook_instance" "this" {
  # ...
  kms_key_id = aws_kms_key.ml.arn
}`},
			Defaults:   []string{"aws_sagemaker_notebook_instance.kms_key_id: none; SageMaker then encrypts with an AWS managed key"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				if why, bad := check.NotCustomerKey(n.KMSKey); bad {
					out = append(out, rule.NewResult(n.Resource, n.KMSKey.Meta, n.KMSKey.Value, "%s: %s", n.Address, why))
				}
			}
			return out
		},
	})
}
