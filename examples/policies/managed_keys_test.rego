package mlguard.custom.managed_keys_test

import data.mlguard.custom.managed_keys
import rego.v1

nb(key) := {"aws": {"notebook_instances": [{"address": "aws_sagemaker_notebook_instance.nb", "type": "aws_sagemaker_notebook_instance", "range": {"file": "main.tf", "start_line": 1, "end_line": 4}, "kms_key": key}]}}

test_literal_arn_is_denied if {
	count(managed_keys.deny) == 1 with input as nb({"explicit": true, "unknown": false, "value": "arn:aws:kms:us-east-1:111122223333:key/abc"})
}

test_linked_key_passes if {
	count(managed_keys.deny) == 0 with input as nb({"explicit": true, "unknown": true, "targets": ["aws_kms_key.ml"]})
}

test_no_key_is_left_to_the_built_in_rules if {
	count(managed_keys.deny) == 0 with input as nb({"explicit": false, "unknown": false})
}
