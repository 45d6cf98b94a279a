# The multi-account foundation of an ML platform: mlguard's guardrail SCPs
# attached to the ML organizational units (scps.tf is generated from
# mlguard guardrails compile), and a central ECR repository in the shared
# services account that only the member accounts of the organization pull
# from.

resource "aws_organizations_policy" "guardrails" {
  provider    = aws.management
  for_each    = local.scps
  name        = each.key
  description = "mlguard ML guardrails (mlguard guardrails compile --target aws-scp)"
  type        = "SERVICE_CONTROL_POLICY"
  content     = each.value
  tags        = var.tags
}

resource "aws_organizations_policy_attachment" "guardrails" {
  provider  = aws.management
  for_each  = { for pair in setproduct(keys(local.scps), var.ml_ou_ids) : "${pair[0]}/${pair[1]}" => { policy = pair[0], ou = pair[1] } }
  policy_id = aws_organizations_policy.guardrails[each.value.policy].id
  target_id = each.value.ou
}

resource "aws_kms_key" "images" {
  provider            = aws.shared
  description         = "Central ML image repository ${var.repository_name}"
  enable_key_rotation = true
  tags                = var.tags
}

resource "aws_ecr_repository" "images" {
  provider             = aws.shared
  name                 = var.repository_name
  image_tag_mutability = "IMMUTABLE"
  tags                 = var.tags

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.images.arn
  }
}

data "aws_iam_policy_document" "pull" {
  provider = aws.shared
  statement {
    sid     = "MemberAccountsPull"
    actions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = [for a in var.member_account_ids : "arn:aws:iam::${a}:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.organization_id]
    }
  }
}

resource "aws_ecr_repository_policy" "images" {
  provider   = aws.shared
  repository = aws_ecr_repository.images.name
  policy     = data.aws_iam_policy_document.pull.json
}
