package sagemaker

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-035", Slug: "studio-notebook-sharing-customer-managed-key",
			Title:    "SageMaker Studio shares notebooks with their output without a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_domain", "aws_sagemaker_user_profile", "AWS::SageMaker::Domain", "AWS::SageMaker::UserProfile"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "With notebook_output_option = \"Allowed\", a shared notebook snapshot carries its cell output: query " +
				"results, sample records, printed credentials. The snapshots go to S3; without s3_kms_key_id they take the " +
				"bucket's default encryption and anyone who can read the bucket reads them.",
			Remediation: "Set sharing_settings.s3_kms_key_id to a customer managed key, or set notebook_output_option to \"Disabled\".",
			Fixes: map[string]string{"terraform": `sharing_settings {
  notebook_output_option = "Allowed"
  s3_output_path         = "s3://${aws_s3_bucket.studio.bucket}/sharing"
  s3_kms_key_id          = aws_kms_key.ml.arn
}`, "cloudformation": `SharingSettings:
  NotebookOutputOption: Allowed
  S3OutputPath: !Sub "s3://${StudioBucket}/sharing"
  S3KmsKeyId: !GetAtt MlKey.Arn`},
			Defaults: []string{"sharing_settings absent: notebook sharing is not allowed",
				"sharing_settings.notebook_output_option: \"Disabled\" when absent (cell output is not shared)",
				"sharing_settings.s3_kms_key_id: absent -> the bucket's default encryption"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SharingSettings.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.AWS.Domains {
				out = append(out, sharingResult(d.Resource, d.Sharing)...)
			}
			for _, up := range in.AWS.UserProfiles {
				out = append(out, sharingResult(up.Resource, up.Sharing)...)
			}
			return out
		},
	})
}

func sharingResult(res model.Resource, sh *aws.Sharing) []rule.Result {
	if sh == nil || !sh.OutputOption.Is("Allowed") {
		return nil
	}
	if why, bad := check.NotCustomerKey(sh.KMSKey); bad {
		return []rule.Result{rule.NewResult(res, check.At(sh.KMSKey.Meta, sh.Meta), sh.KMSKey.Value,
			"%s shares notebooks with their cell output, but for the snapshots %s", res.Address, why)}
	}
	return nil
}
