package mlguard.custom.training_subnet_test

import data.mlguard.custom.training_subnet
import rego.v1

compute(subnet) := {"azure": {"ml_computes": [{"address": "c", "kind": "AmlCompute", "subnet": subnet}]}}

test_other_subnet_denied if {
	count(training_subnet.deny) == 1 with input as compute({"value": "/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/default", "targets": []})
}

test_training_subnet_by_id if {
	count(training_subnet.deny) == 0 with input as compute({"value": "/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/ml-training", "targets": []})
}

test_training_subnet_by_link if {
	count(training_subnet.deny) == 0 with input as compute({"value": "", "unknown": true, "targets": ["azurerm_subnet.ml_training"]})
}

test_no_subnet_left_to_built_in_rules if {
	count(training_subnet.deny) == 0 with input as compute({"value": "", "targets": []})
}
