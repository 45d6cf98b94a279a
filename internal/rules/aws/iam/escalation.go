package iam

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

// roleTypes are the resource types that give a role its permissions, in
// Terraform and CloudFormation.
var roleTypes = []string{"aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role_policy", "aws_iam_policy",
	"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}

// sageMakerRunsAs are the SageMaker actions that start something running as
// a role the caller passes: each turns iam:PassRole into that role's rights.
var sageMakerRunsAs = []string{"sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateNotebookInstance",
	"sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateModel", "sagemaker:CreatePipeline", "sagemaker:CreateAutoMLJobV2",
	"sagemaker:CreateAutoMLJob", "sagemaker:CreateDomain", "sagemaker:CreateUserProfile", "sagemaker:CreateCompilationJob", "sagemaker:CreateLabelingJob"}

// probeRole is a role ARN no policy names on purpose: a statement that covers
// it covers every role.
const probeRole = "arn:aws:iam::111122223333:role/mlguard-probe-admin"

// passesAnyRole is the test for iam:PassRole grants: iam:PassedToService
// only says which service receives the role, not which roles, so it does not
// narrow the escalation; any other condition might.
func passesAnyRole(s *iam.Statement) bool {
	if !strings.EqualFold(s.Effect, "Allow") {
		return false
	}
	for _, kv := range s.Condition {
		for k := range kv {
			if !strings.EqualFold(k, "iam:PassedToService") {
				return false
			}
		}
	}
	return true
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-004", Slug: "passrole-any-with-sagemaker-create",
			Title:    "Role can pass any role to SageMaker jobs it creates (privilege escalation)",
			Severity: rule.Critical, Category: rule.Identity,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A principal that may call iam:PassRole on every role and start SageMaker work (a training or processing job, " +
				"a notebook, a model, a pipeline) can start that work as any role SageMaker may assume, including an administrator " +
				"role, and run its own code there. That is a known IAM privilege-escalation path; iam:PassedToService does not close " +
				"it, because it limits the service, not the roles.",
			Remediation: "Limit iam:PassRole to the ARNs of the execution roles the principal is meant to hand to SageMaker, " +
				"and keep iam:PassedToService = sagemaker.amazonaws.com as a second guard.",
			Fixes: map[string]string{"terraform": `statement {
  actions   = ["iam:PassRole"]
  resources = [aws_iam_role.training.arn]
  condition {
    test     = "StringEquals"
    variable = "iam:PassedToService"
    values   = ["sagemaker.amazonaws.com"]
  }
}`, "cloudformation": `- Effect: Allow
  Action: iam:PassRole
  Resource: !GetAtt TrainingRole.Arn
  Condition:
    StringEquals:
      iam:PassedToService: sagemaker.amazonaws.com`},
			Defaults: []string{"Statements with a condition other than iam:PassedToService, and statements granting every action on " +
				"every resource (reported by AWS-IAM-003), are not counted",
				"The SageMaker create actions may come from the role's own policies or from the AWS managed AmazonSageMakerFullAccess"},
			References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
				"https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, r := range in.AWS.Roles {
				out = append(out, escalation(in.AWS, r)...)
			}
			return out
		},
	})
}

func escalation(m *aws.Model, r *aws.Role) []rule.Result {
	pass, ok := find(m, r, passesAnyRole, probeRole, "iam:PassRole")
	if !ok {
		return nil
	}
	how := ""
	if create, ok := find(m, r, unconditioned, "", sageMakerRunsAs...); ok {
		how = create.String()
	} else if name, ok := createsThroughManaged(r); ok {
		how = "the AWS managed policy " + name + " allows sagemaker:*"
	} else {
		return nil
	}
	return []rule.Result{onGrant(r, pass, "%s can pass any role (%s on every role) and start SageMaker work as it (%s): "+
		"code it runs gets the rights of any role SageMaker may assume", r.Address, pass, how)}
}

// createsThroughManaged reports an attached AWS managed policy known to
// allow the SageMaker create actions on every resource.
func createsThroughManaged(r *aws.Role) (string, bool) {
	for _, mp := range r.ManagedPolicies {
		if mp.ARN.Known() && iam.ManagedPolicyName(mp.ARN.Value) == sageMakerAccess.managed {
			return sageMakerAccess.managed, true
		}
	}
	return "", false
}
