package mlguard.custom.dedicated_roles_test

import data.mlguard.custom.dedicated_roles
import rego.v1

ref(value, targets) := {"explicit": true, "unknown": count(targets) > 0, "value": value, "targets": targets}

doc(nb_role, model_role) := {"aws": {
	"notebook_instances": [{"address": "aws_sagemaker_notebook_instance.nb", "type": "aws_sagemaker_notebook_instance", "range": {"file": "main.tf", "start_line": 1, "end_line": 4}, "role": nb_role}],
	"models": [{"address": "aws_sagemaker_model.m", "type": "aws_sagemaker_model", "range": {"file": "main.tf", "start_line": 6, "end_line": 9}, "execution_role": model_role}],
}}

test_shared_linked_role_is_denied if {
	some v in dedicated_roles.deny with input as doc(ref("", ["aws_iam_role.ds"]), ref("", ["aws_iam_role.ds"]))
	v.value == "aws_iam_role.ds"
}

test_shared_role_arn_is_denied if {
	arn := "arn:aws:iam::111122223333:role/ds"
	count(dedicated_roles.deny) == 1 with input as doc(ref(arn, []), ref(arn, []))
}

test_separate_roles_pass if {
	count(dedicated_roles.deny) == 0 with input as doc(ref("", ["aws_iam_role.ds"]), ref("", ["aws_iam_role.serving"]))
}
