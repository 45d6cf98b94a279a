# METADATA
# title: A SageMaker model runs as a notebook's execution role
# description: |
#   Notebook roles carry what people experimenting need (broad reads of
#   training data, pushes to experiment buckets); a model served with the
#   same role gives every caller of a compromised container those rights.
#   Each serving model gets a role of its own.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
# custom:
#   id: ORG-SAGEMAKER-002
#   severity: HIGH
#   category: identity
#   service: sagemaker
#   resource_types:
#     - aws_sagemaker_model
#     - AWS::SageMaker::Model
#   remediation: Give the model its own execution role (execution_role_arn, ExecutionRoleArn) with only what inference needs (`mlguard iam scope --task endpoint`).
#   frameworks:
#     nist-800-53: [AC-6]
package mlguard.custom.dedicated_roles

import data.mlguard.lib
import rego.v1

# shared holds a model and the role it shares with a notebook: the same
# linked role resource, or the same known role ARN.
shared contains [m, nb, role] if {
	some m in input.aws.models
	some nb in input.aws.notebook_instances
	some role in nb.role.targets
	role in m.execution_role.targets
}

shared contains [m, nb, m.execution_role.value] if {
	some m in input.aws.models
	some nb in input.aws.notebook_instances
	lib.known(m.execution_role)
	lib.equals(nb.role, m.execution_role.value)
}

deny contains violation if {
	some [m, nb, role] in shared
	violation := {
		"resource": m,
		"at": m.execution_role,
		"message": sprintf("%s runs as %s, the execution role of %s; serving needs a role of its own", [m.address, role, nb.address]),
		"value": role,
	}
}
