# METADATA
# title: Model server pulls its image from outside the approved registry
# description: |
#   Model servers deserialize model files and run the code that comes with
#   them; the platform builds, scans and signs their images in its own
#   registry. An image from anywhere else has not been through that.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/
# custom:
#   id: ORG-K8S-001
#   severity: HIGH
#   category: supply-chain
#   provider: kubernetes
#   service: serving
#   resource_types: [Deployment, StatefulSet, InferenceService, ServingRuntime, SeldonDeployment, RayCluster]
#   remediation: Mirror the image into registry.internal.example.com and reference it there, by digest.
package mlguard.custom.approved_registry

import rego.v1

approved := "registry.internal.example.com/"

deny contains violation if {
	some w in input.kubernetes.workloads
	w.role in {"serving", "ray"}
	some c in w.pod.containers
	c.image.explicit
	not startswith(c.image.value, approved)
	violation := {
		"resource": w,
		"at": c.image,
		"message": sprintf("%s container %q runs %s, which is not from %s", [w.address, c.name, c.image.value, approved]),
		"value": c.image.value,
	}
}
