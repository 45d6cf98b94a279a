package mlguard.custom.approved_registry_test

import data.mlguard.custom.approved_registry
import rego.v1

workload(role, image) := {"kubernetes": {"workloads": [{
	"address": "Deployment/ml/server",
	"role": role,
	"pod": {"containers": [{"name": "server", "image": {"explicit": true, "value": image}}]},
}]}}

test_foreign_image_denied if {
	count(approved_registry.deny) == 1 with input as workload("serving", "vllm/vllm-openai:v0.6.3")
}

test_approved_image_admitted if {
	count(approved_registry.deny) == 0 with input as workload("serving", "registry.internal.example.com/vllm:v0.6.3")
}

test_ordinary_workload_not_judged if {
	count(approved_registry.deny) == 0 with input as workload("", "nginx:1.27")
}
