package all_test

import "strconv"

// expected lists, for every rule and fixture, the "address:line" of each
// finding. Lines in plan fixtures are the resource's entry in planned_values.
var expected = map[string]map[string][]string{
	"AWS-SAGEMAKER-001": notebookDefaultAndExplicit(11),
	"AWS-SAGEMAKER-002": notebookDefaultAndExplicit(11),
	"AWS-SAGEMAKER-003": {
		"fail":           {"aws_sagemaker_notebook_instance.no_key:1", "aws_sagemaker_notebook_instance.aws_managed:11"},
		"fail.plan.json": {"aws_sagemaker_notebook_instance.aws_managed:8", "aws_sagemaker_notebook_instance.no_key:37"},
	},
	"AWS-SAGEMAKER-004": {
		"fail":           {"aws_sagemaker_notebook_instance.no_subnet:1"},
		"fail.plan.json": {"aws_sagemaker_notebook_instance.no_subnet:8"},
	},
	"AWS-SAGEMAKER-005": notebookDefaultAndExplicit(12),
	"AWS-SAGEMAKER-006": {
		"fail":           {"aws_sagemaker_domain.by_default:1", "aws_sagemaker_domain.explicit:17"},
		"fail.plan.json": {"aws_sagemaker_domain.by_default:8", "aws_sagemaker_domain.explicit:76"},
	},
	"AWS-SAGEMAKER-007": {
		"fail":           {"aws_sagemaker_domain.no_key:1", "aws_sagemaker_domain.aws_managed:17"},
		"fail.plan.json": {"aws_sagemaker_domain.aws_managed:8", "aws_sagemaker_domain.no_key:76"},
	},
	"AWS-SAGEMAKER-008": {
		"fail":           {"aws_sagemaker_model.by_default:1", "aws_sagemaker_model.explicit:17"},
		"fail.plan.json": {"aws_sagemaker_model.by_default:8", "aws_sagemaker_model.explicit:68"},
	},
	"AWS-SAGEMAKER-009": {
		"fail":           {"aws_sagemaker_model.no_vpc:1"},
		"fail.plan.json": {"aws_sagemaker_model.no_vpc:8"},
	},
	"AWS-SAGEMAKER-010": {
		"fail":           {"aws_sagemaker_model.public:47"},
		"fail.plan.json": {"aws_sagemaker_model.public:96"},
	},
	"AWS-SAGEMAKER-011": {
		"fail":           {"aws_sagemaker_endpoint_configuration.no_key:1", "aws_sagemaker_endpoint_configuration.aws_managed:14"},
		"fail.plan.json": {"aws_sagemaker_endpoint_configuration.aws_managed:8", "aws_sagemaker_endpoint_configuration.no_key:56"},
	},
	"AWS-SAGEMAKER-012": {
		"fail":           {"aws_sagemaker_endpoint_configuration.no_key:12", "aws_sagemaker_endpoint_configuration.explicit_enabled:32"},
		"fail.plan.json": {"aws_sagemaker_endpoint_configuration.explicit_enabled:8", "aws_sagemaker_endpoint_configuration.no_key:76"},
	},
	"AWS-IAM-001": roleGrants(),
	"AWS-IAM-002": roleGrants(),
	"AWS-IAM-003": roleGrants(),
}

// notebookDefaultAndExplicit: one notebook with the provider default (found on
// the resource line) and one with the bad value written (found on that line).
func notebookDefaultAndExplicit(explicitLine int) map[string][]string {
	return map[string][]string{
		"fail":           {"aws_sagemaker_notebook_instance.by_default:1", "aws_sagemaker_notebook_instance.explicit:" + strconv.Itoa(explicitLine)},
		"fail.plan.json": {"aws_sagemaker_notebook_instance.by_default:8", "aws_sagemaker_notebook_instance.explicit:37"},
	}
}

// roleGrants: the same access through managed_policy_arns, an attachment
// resource, an inline policy and a customer managed policy.
func roleGrants() map[string][]string {
	return map[string][]string{
		"fail":           {"aws_iam_role.exec:14", "aws_iam_role.attached:22", "aws_iam_role.inline:32", "aws_iam_role.customer:52"},
		"fail.plan.json": {"aws_iam_role.exec:72", "aws_iam_role.inline:100", "aws_iam_role.attached:131", "aws_iam_role.customer:144"},
	}
}
