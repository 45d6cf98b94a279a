# METADATA
# title: SageMaker notebook instance without the platform lifecycle configuration
# description: |
#   The platform's lifecycle configuration sets the egress proxy, the idle
#   shutdown agent and the internal package mirror. A notebook started
#   without it reaches public package indexes directly and runs until someone
#   stops it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html
# custom:
#   id: ORG-SAGEMAKER-001
#   severity: MEDIUM
#   category: supply-chain
#   service: sagemaker
#   resource_types:
#     - aws_sagemaker_notebook_instance
#     - AWS::SageMaker::NotebookInstance
#   remediation: Set lifecycle_config_name (LifecycleConfigName in CloudFormation) to the platform's configuration.
#   frameworks:
#     nist-800-53: [CM-2, CM-7]
package mlguard.custom.notebook_lifecycle

import data.mlguard.lib
import rego.v1

deny contains violation if {
	some nb in input.aws.notebook_instances
	lib.absent(nb.lifecycle_config)
	violation := {
		"resource": nb,
		"at": nb.lifecycle_config,
		"message": sprintf("%s starts without the platform lifecycle configuration", [nb.address]),
	}
}
