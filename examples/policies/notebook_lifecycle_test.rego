package mlguard.custom.notebook_lifecycle_test

import data.mlguard.custom.notebook_lifecycle
import rego.v1

nb(lifecycle) := {
	"address": "aws_sagemaker_notebook_instance.nb",
	"type": "aws_sagemaker_notebook_instance",
	"range": {"file": "main.tf", "start_line": 1, "end_line": 5},
	"lifecycle_config": lifecycle,
}

test_missing_configuration_is_denied if {
	count(notebook_lifecycle.deny) == 1 with input as {"aws": {"notebook_instances": [nb({"explicit": false, "unknown": false})]}}
}

test_linked_configuration_passes if {
	count(notebook_lifecycle.deny) == 0 with input as {"aws": {"notebook_instances": [nb({"explicit": true, "unknown": true, "targets": ["aws_sagemaker_notebook_instance_lifecycle_configuration.platform"]})]}}
}

test_named_configuration_passes if {
	count(notebook_lifecycle.deny) == 0 with input as {"aws": {"notebook_instances": [nb({"explicit": true, "unknown": false, "value": "platform"})]}}
}

test_unknown_configuration_is_not_judged if {
	count(notebook_lifecycle.deny) == 0 with input as {"aws": {"notebook_instances": [nb({"explicit": true, "unknown": true})]}}
}
