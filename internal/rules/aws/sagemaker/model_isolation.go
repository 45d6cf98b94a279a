package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-008", Slug: "model-network-isolation",
			Title:    "SageMaker model containers can make outbound network calls",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  []string{"aws_sagemaker_model"},
			Frameworks: framework.NetworkBoundary("SageMaker.5"),
			Rationale: "Without network isolation, the model's inference containers can open connections to anywhere their network " +
				"allows. A malicious or compromised model image or artifact (pickled models execute code when loaded) can then send " +
				"request data and the execution role's credentials out.",
			Remediation: "Set enable_network_isolation = true. SageMaker still downloads the model artifact and image for the container.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_model" "this" {
  # ...
  enable_network_isolation = true
}`},
			Defaults:   []string{"aws_sagemaker_model.enable_network_isolation: not set by the provider; the API treats it as false"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, m := range in.AWS.Models {
				if m.NetworkIsolation.IsFalse() {
					out = append(out, rule.NewResult(m.Resource, m.NetworkIsolation.Meta, "false",
						"%s does not isolate its containers from the network (enable_network_isolation = false%s)", m.Address, defaultNote(m.NetworkIsolation.Explicit)))
				}
			}
			return out
		},
	})
}
