package sagemaker

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-041", Slug: "hyperpod-cluster-outside-vpc",
			Title:    "SageMaker HyperPod cluster runs outside your VPC",
			Severity: rule.High, Category: rule.Network,
			Resources:  []string{"awscc_sagemaker_cluster", "AWS::SageMaker::Cluster"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Without VpcConfig, a HyperPod cluster's nodes run in the VPC SageMaker owns, with internet access " +
				"you cannot restrict, inspect with flow logs or route through endpoints: every training node (which holds " +
				"the training data, the checkpoints and the execution role's credentials, and runs the lifecycle scripts " +
				"as root) can send data anywhere, and reaches your data stores only over public endpoints.",
			Remediation: "Give the cluster VpcConfig with private subnets and security groups of your VPC (with S3, ECR, STS " +
				"and CloudWatch endpoints, and FSx for Lustre in the same subnets), or an OverrideVpcConfig on every instance group.",
			Fixes: map[string]string{"terraform": `resource "awscc_sagemaker_cluster" "train" {
  cluster_name = "llm-train"
  vpc_config = {
    subnets            = [aws_subnet.train_a.id]
    security_group_ids = [aws_security_group.train.id]
  }
  instance_groups = [ ... ]
}`, "cloudformation": `VpcConfig:
  Subnets: [!Ref TrainSubnetA]
  SecurityGroupIds: [!Ref TrainSecurityGroup]`},
			Defaults: []string{"VpcConfig not set: the nodes run in the VPC SageMaker owns, with internet access (as for SageMaker jobs without a VPC configuration)",
				"An instance group with OverrideVpcConfig subnets is in your VPC whatever the cluster's setting",
				"The hashicorp/aws provider (5.100.0) has no HyperPod resource: the rule reads CloudFormation and awscc"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-prerequisites.html",
				"https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-cluster.html",
				"https://docs.aws.amazon.com/sagemaker/latest/dg/infrastructure-give-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, c := range in.AWS.HyperPodClusters {
				if !c.VPC.IsFalse() {
					continue
				}
				for _, g := range c.Groups {
					if !g.OwnVPC.IsFalse() || !g.Known() {
						continue
					}
					out = append(out, rule.NewResult(c.Resource, c.VPC.Meta, g.Name,
						"%s has no VpcConfig, so the nodes of instance group %q run in the VPC SageMaker owns, with internet access", c.Address, g.Name))
				}
			}
			return out
		},
	})
}
