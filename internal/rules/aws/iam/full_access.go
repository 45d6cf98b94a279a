package iam

import (
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

const trustDefault = "aws_iam_role: a role counts as an ML execution role when its assume_role_policy lets " +
	"sagemaker.amazonaws.com or bedrock.amazonaws.com assume it, or an ML resource of the scan runs as it"

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-001", Slug: "ml-role-sagemaker-full-access",
			Title:    "ML execution role has AmazonSageMakerFullAccess or its equivalent",
			Severity: rule.High, Category: rule.Identity,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "AmazonSageMakerFullAccess lets a workload create, change and delete every SageMaker resource in the account: " +
				"start notebooks and jobs with other roles, read other teams' models, change endpoints in production. A training job, " +
				"notebook or endpoint needs a small fraction of that.",
			Remediation: "Detach AmazonSageMakerFullAccess and grant the actions the workload needs on its own resources " +
				"(mlguard iam scope writes such a policy).",
			Fixes: map[string]string{"terraform": `data "aws_iam_policy_document" "training" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.training.arn}/*"]
  }
}
resource "aws_iam_role_policy" "training" {
  role   = aws_iam_role.training.id
  policy = data.aws_iam_policy_document.training.json
}`, "cloudformation": `Policies:
  - PolicyName: training
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [s3:GetObject, s3:PutObject]
          Resource: !Sub "${TrainingBucket.Arn}/*"`},
			Defaults:   []string{trustDefault},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam-awsmanpol.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return sageMakerAccess.results(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-002", Slug: "ml-role-s3-full-access",
			Title:    "ML execution role has AmazonS3FullAccess or its equivalent",
			Severity: rule.High, Category: rule.DataProtection,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "s3:* on every bucket lets any code that runs as the role (a notebook user, a training script, a model " +
				"container) read every dataset and model in the account, overwrite model artifacts, and change bucket policies.",
			Remediation: "Grant only the S3 actions the workload needs, on the buckets and prefixes it uses.",
			Fixes: map[string]string{"terraform": `data "aws_iam_policy_document" "data" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.training.arn, "${aws_s3_bucket.training.arn}/*"]
  }
}`, "cloudformation": `- Effect: Allow
  Action: [s3:GetObject, s3:ListBucket]
  Resource: [!GetAtt TrainingBucket.Arn, !Sub "${TrainingBucket.Arn}/*"]`},
			Defaults:   []string{trustDefault},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return s3Access.results(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-IAM-003", Slug: "ml-role-administrator-access",
			Title:    "ML execution role has AdministratorAccess or its equivalent",
			Severity: rule.Critical, Category: rule.Identity,
			Resources:  roleTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A role with every action on every resource turns any code execution in the ML workload (a malicious model " +
				"file, a notebook user, a dependency of the training script) into full control of the AWS account.",
			Remediation: "Remove AdministratorAccess (or the \"*\" on \"*\" statement) and grant what the workload needs.",
			Fixes: map[string]string{"terraform": `resource "aws_iam_role_policy_attachment" "exec" {
  role       = aws_iam_role.exec.name
  policy_arn = aws_iam_policy.exec_least_privilege.arn
}`, "cloudformation": `# Remove arn:aws:iam::aws:policy/AdministratorAccess from ManagedPolicyArns and grant
# the SageMaker, S3 and KMS actions the workload uses on its own resources.`},
			Defaults:   []string{trustDefault},
			References: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"},
		},
		Check: func(in *rule.Input) []rule.Result { return adminAccess.results(in.AWS) },
	})
}
