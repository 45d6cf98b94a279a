package sagemaker

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
)

var flowRefs = []string{"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFlowDefinition.html"}

// publicCrowd is the path of the Amazon Mechanical Turk workteam ARN, the
// same in every region.
const publicCrowd = ":workteam/public-crowd/default"

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-037", Slug: "flow-definition-output-customer-managed-key",
			Title:    "SageMaker human review output is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_flow_definition"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Augmented AI writes each human loop's input (the document, image or prediction reviewed) and the " +
				"reviewers' answers to S3. Without a KMS key they take the bucket's default encryption and anyone with S3 read " +
				"access reads the very records that needed a human to look at them.",
			Remediation: "Set output_config.kms_key_id to a customer managed key.",
			Fixes: map[string]string{"terraform": `output_config {
  s3_output_path = "s3://${aws_s3_bucket.reviews.bucket}/a2i/"
  kms_key_id     = aws_kms_key.ml.arn
}`},
			Defaults:   []string{"aws_sagemaker_flow_definition.output_config.kms_key_id: absent -> the bucket's default encryption"},
			References: flowRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, fd := range in.AWS.FlowDefinitions {
				out = append(out, check.KeyResult(fd.Resource, fd.OutputKMS, fd.Output, "review output: ")...)
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-038", Slug: "flow-definition-public-workforce",
			Title:    "SageMaker human review sends tasks to the public Mechanical Turk workforce",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  []string{"aws_sagemaker_flow_definition"},
			Frameworks: framework.PublicAccess(),
			Rationale: "Tasks sent to the public-crowd workteam are shown to anonymous Amazon Mechanical Turk workers anywhere " +
				"in the world. Whatever the human loop reviews (customer documents, medical images, low-confidence predictions " +
				"on real users' data) leaves your organisation.",
			Remediation: "Use a private workteam (aws_sagemaker_workteam with your own workforce) or a vendor workforce under " +
				"contract, and never send personal or confidential data to the public crowd.",
			Fixes: map[string]string{"terraform": `human_loop_config {
  # ...
  workteam_arn = aws_sagemaker_workteam.reviewers.arn
}`},
			Defaults:   []string{"aws_sagemaker_flow_definition.human_loop_config.workteam_arn: required; the public workforce is arn:aws:sagemaker:<region>:394669845002:workteam/public-crowd/default"},
			References: flowRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, fd := range in.AWS.FlowDefinitions {
				if w := fd.Workteam; w.Known() && strings.HasSuffix(w.Value, publicCrowd) {
					out = append(out, rule.NewResult(fd.Resource, w.Meta, w.Value, "%s sends review tasks to the public Mechanical Turk workforce (%s)", fd.Address, w.Value))
				}
			}
			return out
		},
	})
}
