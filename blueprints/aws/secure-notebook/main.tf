# A data scientist's SageMaker notebook instance that is not publicly
# reachable and reads one bucket only. The settings that make it so are not
# inputs: direct internet access, root access and IMDSv1 are off here.

locals {
  lifecycle = var.lifecycle_on_create != null || var.lifecycle_on_start != null
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
    # SageMaker may assume the role only for this account's notebooks.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "notebook" {
  name               = "${var.name}-notebook"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

# The policy is generated from `mlguard iam scope` (policy.tf).
resource "aws_iam_role_policy" "notebook" {
  name   = "read-data"
  role   = aws_iam_role.notebook.id
  policy = data.aws_iam_policy_document.execution.json
}

# No ingress: nothing opens a connection to the notebook. Egress only to the
# VPC's interface endpoints and the S3 gateway endpoint, on HTTPS.
resource "aws_security_group" "notebook" {
  name        = "${var.name}-notebook"
  description = "SageMaker notebook ${var.name}: no ingress, HTTPS to the VPC endpoints only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "endpoints" {
  for_each                     = toset(var.endpoint_security_group_ids)
  security_group_id            = aws_security_group.notebook.id
  description                  = "HTTPS to the VPC interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = each.value
}

resource "aws_vpc_security_group_egress_rule" "s3" {
  security_group_id = aws_security_group.notebook.id
  description       = "HTTPS to S3 through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = var.s3_prefix_list_id
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "notebook" {
  count     = local.lifecycle ? 1 : 0
  name      = "${var.name}-lifecycle"
  on_create = var.lifecycle_on_create == null ? null : base64encode(var.lifecycle_on_create)
  on_start  = var.lifecycle_on_start == null ? null : base64encode(var.lifecycle_on_start)
}

resource "aws_sagemaker_notebook_instance" "notebook" {
  name                   = var.name
  role_arn               = aws_iam_role.notebook.arn
  instance_type          = var.instance_type
  platform_identifier    = var.platform_identifier
  volume_size            = var.volume_size
  kms_key_id             = var.kms_key_arn
  subnet_id              = var.subnet_id
  security_groups        = [aws_security_group.notebook.id]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  lifecycle_config_name  = local.lifecycle ? aws_sagemaker_notebook_instance_lifecycle_configuration.notebook[0].name : null
  tags                   = var.tags

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}
