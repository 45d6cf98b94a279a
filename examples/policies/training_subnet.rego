# METADATA
# title: Azure ML compute outside the platform's training subnet
# description: |
#   The platform runs every compute instance and cluster in the ml-training
#   subnet, whose NSG and firewall rules are reviewed with the data they
#   reach. A compute in another subnet bypasses them.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet
# custom:
#   id: ORG-AZURE-001
#   severity: MEDIUM
#   category: network
#   provider: azure
#   service: ml
#   resource_types:
#     - azurerm_machine_learning_compute_instance
#     - azurerm_machine_learning_compute_cluster
#     - Microsoft.MachineLearningServices/workspaces/computes
#   remediation: Set subnet_resource_id (properties.subnet.id in ARM) to the ml-training subnet.
package mlguard.custom.training_subnet

import data.mlguard.lib
import rego.v1

# approved(s): the subnet is ml-training, by literal ID, by a link to the
# Terraform subnet, or by a resourceId() of it in a template.
approved(s) if endswith(lower(object.get(s, "value", "")), "/subnets/ml-training")

approved(s) if {
	some t in object.get(s, "targets", [])
	t in {"azurerm_subnet.ml_training", "azurerm_subnet.ml-training"}
}

approved(s) if {
	some t in object.get(s, "targets", [])
	endswith(t, "/subnets/ml-training")
}

deny contains violation if {
	some c in input.azure.ml_computes
	c.kind in {"ComputeInstance", "AmlCompute"}
	lib.is_set(c.subnet)
	not approved(c.subnet)
	violation := {
		"resource": c,
		"at": c.subnet,
		"message": sprintf("%s runs in a subnet other than ml-training", [c.address]),
		"value": concat(",", array.concat([object.get(c.subnet, "value", "")], object.get(c.subnet, "targets", []))),
	}
}
