package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-006", Slug: "domain-public-internet",
			Title:    "SageMaker domain lets Studio apps reach the internet directly",
			Severity: rule.High, Category: rule.Network,
			Resources:  []string{"aws_sagemaker_domain"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With PublicInternetOnly, every Studio app of the domain sends non-EFS traffic through a SageMaker-managed " +
				"network with internet access, bypassing your VPC. Data scientists' apps can move training data and models out with no " +
				"VPC control seeing it.",
			Remediation: "Set app_network_access_type to \"VpcOnly\", with private subnets, VPC endpoints for the AWS services the apps use, " +
				"and egress through a NAT gateway or proxy you control.",
			Fixes: map[string]string{"terraform": `resource "aws_sagemaker_domain" "this" {
  # ...
  app_network_access_type = "VpcOnly"
}`},
			Defaults:   []string{"aws_sagemaker_domain.app_network_access_type: \"PublicInternetOnly\" when not set"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.AWS.Domains {
				if d.AppNetworkAccessType.Is("PublicInternetOnly") {
					out = append(out, rule.NewResult(d.Resource, d.AppNetworkAccessType.Meta, d.AppNetworkAccessType.Value,
						"%s sends app traffic straight to the internet (app_network_access_type = %q%s)", d.Address, d.AppNetworkAccessType.Value, defaultNote(d.AppNetworkAccessType.Explicit)))
				}
			}
			return out
		},
	})
}
