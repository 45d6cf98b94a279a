# METADATA
# title: SageMaker resource encrypted with a key not managed in this repository
# description: |
#   The platform keeps the KMS keys of ML data in this repository, where
#   their key policies and rotation are reviewed. A key ARN or alias written
#   as a literal is a key nobody here reviews, and may be an AWS managed key
#   whose policy cannot be restricted.
# custom:
#   id: ORG-KMS-001
#   severity: MEDIUM
#   category: encryption-at-rest
#   service: kms
#   resource_types:
#     - aws_sagemaker_notebook_instance
#     - aws_sagemaker_endpoint_configuration
#     - aws_sagemaker_domain
#   remediation: Point kms_key_id (KmsKeyId) at a key of the platform's kms module instead of a literal ARN.
package mlguard.custom.managed_keys

import data.mlguard.lib
import rego.v1

encrypted contains [r, r.kms_key] if some r in input.aws.notebook_instances

encrypted contains [r, r.kms_key] if some r in input.aws.endpoint_configurations

encrypted contains [r, r.kms_key] if some r in input.aws.domains

deny contains violation if {
	some [r, key] in encrypted
	lib.known(key)
	key.value != ""
	count(object.get(key, "targets", [])) == 0
	violation := {
		"resource": r,
		"at": key,
		"message": sprintf("%s is encrypted with %s, written as a literal; use a key managed in this repository", [r.address, key.value]),
		"value": key.value,
	}
}
