package sagemaker

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-040", Slug: "async-inference-topic-unencrypted",
			Title:    "Asynchronous inference notifies an SNS topic that is not encrypted",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  []string{"aws_sagemaker_endpoint_configuration", "aws_sns_topic"},
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "An asynchronous endpoint tells SNS topics of each result; with include_inference_response_in the " +
				"message carries the model's response itself. A topic without kms_master_key_id keeps those messages " +
				"unencrypted at rest, outside the key policies that protect the endpoint's output bucket.",
			Remediation: "Set kms_master_key_id on the topics (a customer managed key the endpoint's role may use), or leave the " +
				"response out of the notification and let subscribers read it from the encrypted output path.",
			Fixes: map[string]string{"terraform": `resource "aws_sns_topic" "inference_results" {
  name              = "inference-results"
  kms_master_key_id = aws_kms_key.inference.arn
}`},
			Defaults: []string{"aws_sns_topic.kms_master_key_id: absent, so messages are not encrypted at rest by a KMS key",
				"Topics outside the scan are not judged"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-check-predictions.html",
				"https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ec := range in.AWS.EndpointConfigs {
				if ec.AsyncOutput == nil {
					continue
				}
				for _, ref := range ec.AsyncOutput.Topics {
					t := topicOf(in.AWS, ref)
					if t == nil || !t.KMSKey.Absent() {
						continue
					}
					what := "notifications of its results"
					if len(ec.AsyncOutput.WithResponse) > 0 {
						what = "notifications carrying the inference response"
					}
					out = append(out, rule.NewResult(ec.Resource, ref.Meta, t.Address,
						"%s sends %s to %s, which has no kms_master_key_id", ec.Address, what, t.Address))
				}
			}
			return out
		},
	})
}

// topicOf finds the SNS topic of the scan a reference names: by link, or by
// the ARN written out.
func topicOf(m *aws.Model, r model.Ref) *aws.Topic {
	for _, t := range m.Topics {
		if r.LinksTo(t.Address) {
			return t
		}
		if r.Known() && t.Name.Known() && t.Name.Value != "" && strings.HasSuffix(r.Value, ":"+t.Name.Value) {
			return t
		}
	}
	return nil
}
