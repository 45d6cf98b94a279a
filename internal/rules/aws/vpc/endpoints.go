// Package vpc holds the rules for the networks ML workloads run in.
package vpc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/unknown"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "vpc"
	rule.Register(r)
}

// endpoint is a service an isolated ML stack reaches through a VPC endpoint.
type endpoint struct {
	id, slug, suffix, service, need string
	severity                        rule.Severity
}

var endpoints = []endpoint{
	{"AWS-VPC-001", "isolated-ml-vpc-without-s3-endpoint", ".s3", "Amazon S3",
		"read training data, write model artifacts and install packages from S3", rule.Medium},
	{"AWS-VPC-002", "isolated-ml-vpc-without-sagemaker-api-endpoint", ".sagemaker.api", "the SageMaker API",
		"start jobs, describe resources and open Studio through the SageMaker API", rule.Low},
	{"AWS-VPC-003", "isolated-ml-vpc-without-sagemaker-runtime-endpoint", ".sagemaker.runtime", "the SageMaker Runtime",
		"invoke endpoints", rule.Low},
}

func init() {
	for _, e := range endpoints {
		register(&rule.Rule{
			Metadata: rule.Metadata{
				ID: e.id, Slug: e.slug,
				Title:    fmt.Sprintf("VPC of an internet-isolated SageMaker workload has no endpoint for %s", e.service),
				Severity: e.severity, Category: rule.Network,
				Resources: []string{"aws_vpc", "aws_vpc_endpoint", "aws_sagemaker_notebook_instance", "aws_sagemaker_domain",
					"AWS::EC2::VPC", "AWS::EC2::VPCEndpoint", "AWS::SageMaker::NotebookInstance", "AWS::SageMaker::Domain"},
				Frameworks: framework.NetworkBoundary(),
				Rationale: fmt.Sprintf("A notebook without direct internet access or a Studio domain in VpcOnly mode reaches AWS "+
					"services only through the VPC. Without an endpoint for %s, users cannot %s; the usual workaround is to "+
					"turn internet access back on or add a NAT gateway, which undoes the isolation. An endpoint keeps the "+
					"traffic on the AWS network and lets an endpoint policy limit it.", e.service, e.need),
				Remediation: fmt.Sprintf("Add an aws_vpc_endpoint for com.amazonaws.<region>%s to the VPC.", e.suffix),
				Fixes: map[string]string{"terraform": fmt.Sprintf(`resource "aws_vpc_endpoint" "ml" {
  vpc_id       = aws_vpc.ml.id
  service_name = "com.amazonaws.${data.aws_region.current.name}%s"
}`, e.suffix), "cloudformation": fmt.Sprintf(`Endpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties:
    VpcId: !Ref MlVpc
    ServiceName: !Sub "com.amazonaws.${AWS::Region}%s"`, e.suffix)},
				Defaults: []string{"Checked only for VPCs defined in the scan whose every endpoint's VPC and service name are known: an endpoint elsewhere cannot be seen",
					"aws_sagemaker_notebook_instance.direct_internet_access: \"Enabled\" when absent (such notebooks are not isolated and not checked)",
					"aws_sagemaker_domain.app_network_access_type: \"PublicInternetOnly\" when absent (not checked)"},
				References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/interface-vpc-endpoint.html",
					"https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html"},
			},
			Check: func(in *rule.Input) []rule.Result { return e.missing(in.AWS) },
		})
	}
}

// missing reports each VPC of the scan that isolated workloads use and that
// has no endpoint for the service.
func (e endpoint) missing(m *aws.Model) []rule.Result {
	users := isolatedUsers(m)
	var out []rule.Result
	for _, v := range m.VPCs {
		ws := users[v]
		if len(ws) == 0 {
			continue
		}
		if has, known := e.present(m, v); known && !has {
			sort.Strings(ws)
			verb := "needs"
			if len(ws) > 1 {
				verb = "need"
			}
			out = append(out, rule.OnResource(v.Resource, e.suffix, "%s has no VPC endpoint for %s (com.amazonaws.<region>%s), which %s %s without internet access",
				v.Address, e.service, e.suffix, strings.Join(ws, ", "), verb))
		}
	}
	return out
}

// present reports whether the VPC has an endpoint for the service, and
// whether that can be known: an endpoint of unknown VPC or service might be it.
func (e endpoint) present(m *aws.Model, v *aws.VPC) (has, known bool) {
	for _, ep := range m.VPCEndpoints {
		mine := ep.VPC.LinksTo(v.Address)
		if !mine && len(ep.VPC.Targets) == 0 && !ep.VPC.Known() {
			return false, false
		}
		if !mine {
			continue
		}
		s := ep.Service
		switch {
		case s.Known() && strings.HasSuffix(s.Value, e.suffix):
			return true, true
		case !s.Known() || !serviceKnown(s.Value):
			return false, false
		}
	}
	return false, true
}

// isolatedUsers maps each VPC to the workloads that run in it without
// direct internet access.
func isolatedUsers(m *aws.Model) map[*aws.VPC][]string {
	out := map[*aws.VPC][]string{}
	for _, n := range m.NotebookInstances {
		if n.DirectInternetAccess.Is("Disabled") {
			if v := m.VPCOf(n.Subnet); v != nil {
				out[v] = append(out[v], n.Address)
			}
		}
	}
	for _, d := range m.Domains {
		if d.AppNetworkAccessType.Is("VpcOnly") {
			if v := m.VPCOf(d.VPC); v != nil {
				out[v] = append(out[v], d.Address)
			}
		}
	}
	return out
}

// serviceKnown reports whether a service name's service is known: it is
// wholly known, or what follows its last unknown part (the region in
// com.amazonaws.${AWS::Region}.s3) names the service.
func serviceKnown(name string) bool {
	i := strings.LastIndex(name, unknown.Placeholder)
	if i < 0 {
		return true
	}
	tail := name[i+len(unknown.Placeholder):]
	return len(tail) > 1 && tail[0] == '.'
}
