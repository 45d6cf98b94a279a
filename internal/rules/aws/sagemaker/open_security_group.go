package sagemaker

import (
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-019", Slug: "workload-security-group-open",
			Title:    "SageMaker notebook, Studio domain or model is behind a security group open to the internet",
			Severity: rule.High, Category: rule.Network,
			Resources: []string{"aws_sagemaker_notebook_instance", "aws_sagemaker_model", "aws_sagemaker_domain", "aws_sagemaker_user_profile",
				"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup",
				"AWS::EC2::SecurityGroupIngress", "AWS::SageMaker::NotebookInstance", "AWS::SageMaker::Model", "AWS::SageMaker::Domain",
				"AWS::SageMaker::UserProfile"},
			Frameworks: framework.NetworkBoundary("EC2.18", "EC2.19"),
			Rationale: "A security group that admits 0.0.0.0/0 or ::/0 lets anyone who can route to the workload's network " +
				"interfaces reach the Jupyter server, the Studio apps or the model container; from a public subnet or through a peered or " +
				"VPN-connected network that is the internet or far more than the ML team.",
			Remediation: "Allow ingress only from the security groups or CIDR ranges that must reach the workload (often none: " +
				"SageMaker reaches notebooks and endpoints through its own service network).",
			Fixes: map[string]string{"terraform": `resource "aws_vpc_security_group_ingress_rule" "from_vpn" {
  security_group_id = aws_security_group.notebook.id
  cidr_ipv4         = "10.20.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}`, "cloudformation": `SecurityGroupIngress:
  - IpProtocol: tcp
    FromPort: 443
    ToPort: 443
    CidrIp: 10.20.0.0/16`},
			Defaults:   []string{"aws_security_group: no ingress rules when none are written"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, n := range in.AWS.NotebookInstances {
				out = append(out, openGroups(in.AWS, n.Resource, n.SecurityGroups)...)
			}
			for _, m := range in.AWS.Models {
				if m.VPCConfig != nil {
					out = append(out, openGroups(in.AWS, m.Resource, m.VPCConfig.SecurityGroups)...)
				}
			}
			for _, d := range in.AWS.Domains {
				for _, groups := range d.SecurityGroups {
					out = append(out, openGroups(in.AWS, d.Resource, groups)...)
				}
			}
			for _, up := range in.AWS.UserProfiles {
				out = append(out, openGroups(in.AWS, up.Resource, up.SecurityGroups)...)
			}
			return out
		},
	})
}

// openGroups reports each ingress rule open to the world on the groups a
// workload uses, naming the chain from the workload to the rule.
func openGroups(m *aws.Model, w model.Resource, groups model.Refs) []rule.Result {
	var out []rule.Result
	for _, t := range groups.Targets() {
		for _, sg := range m.SecurityGroupsOf(t) {
			for _, r := range sg.Ingress {
				cidr, open := r.OpenToWorld()
				if !open {
					continue
				}
				chain := []string{w.Address, "security group " + sg.Address}
				if r.Source.Address != sg.Address {
					chain = append(chain, "rule "+r.Source.Address)
				}
				chain = append(chain, "ingress "+cidr+" "+ports(r))
				out = append(out, rule.NewResult(w, r.Meta, sg.Address+":"+cidr+":"+ports(r),
					"%s accepts traffic from the whole internet: %s", w.Address, strings.Join(chain, " → ")))
			}
		}
	}
	return out
}

func ports(r aws.IngressRule) string {
	switch {
	case r.Protocol.Is("-1") || r.Protocol.Is("all"):
		return "all ports"
	case !r.FromPort.Known() || !r.ToPort.Known():
		return "ports unknown"
	case r.FromPort.Value == r.ToPort.Value:
		return fmt.Sprintf("port %d", r.FromPort.Value)
	}
	return fmt.Sprintf("ports %d-%d", r.FromPort.Value, r.ToPort.Value)
}
