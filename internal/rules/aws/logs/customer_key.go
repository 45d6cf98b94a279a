package logs

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
)

// mlPrefixes are the log group names SageMaker and Bedrock write to.
var mlPrefixes = []string{"/aws/sagemaker/", "/aws/bedrock/", "/aws/bedrock-agentcore/"}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-LOGS-001", Slug: "ml-log-group-customer-managed-key",
			Title:    "SageMaker or Bedrock log group is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_cloudwatch_log_group", "AWS::Logs::LogGroup"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Training, processing and endpoint containers log what they print: sample records, feature values, prompts " +
				"and completions, stack traces with data in them. Bedrock invocation logs hold full prompts and responses. A " +
				"customer managed key limits who can read them to the key policy's principals.",
			Remediation: "Set kms_key_id to a customer managed key whose policy allows the logs.<region>.amazonaws.com service principal.",
			Fixes: map[string]string{"terraform": `resource "aws_cloudwatch_log_group" "training" {
  name              = "/aws/sagemaker/TrainingJobs"
  kms_key_id        = aws_kms_key.logs.arn
  retention_in_days = 365
}`, "cloudformation": `KmsKeyId: !GetAtt LogsKey.Arn`},
			Defaults:   []string{"aws_cloudwatch_log_group.kms_key_id: none; CloudWatch Logs encrypts with its own keys"},
			References: []string{"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, lg := range in.AWS.LogGroups {
				if !isML(lg) {
					continue
				}
				if why, bad := check.NotCustomerKey(lg.KMSKey); bad {
					out = append(out, rule.NewResult(lg.Resource, lg.KMSKey.Meta, lg.KMSKey.Value, "%s (%s): %s", lg.Address, label(lg), why))
				}
			}
			return out
		},
	})
}

// isML reports whether a log group holds ML logs: by the name SageMaker or
// Bedrock writes to, or because Bedrock invocation logging of the scan
// delivers to it.
func isML(lg *aws.LogGroup) bool {
	return (lg.Name.Known() && hasMLPrefix(lg.Name.Value)) || len(lg.UsedBy) > 0
}

// label names a log group for messages: its name, or who writes to it.
func label(lg *aws.LogGroup) string {
	if lg.Name.Known() && lg.Name.Value != "" {
		return lg.Name.Value
	}
	return "used by " + strings.Join(lg.UsedBy, ", ")
}

func hasMLPrefix(name string) bool {
	for _, p := range mlPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
