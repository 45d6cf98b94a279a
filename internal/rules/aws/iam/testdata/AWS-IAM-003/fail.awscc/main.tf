locals {
  trust = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  broad = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "awscc_iam_role" "exec" {
  assume_role_policy_document = local.trust
  managed_policy_arns         = ["arn:aws:iam::aws:policy/AdministratorAccess"] # expect
}

resource "awscc_iam_role" "attached" {
  assume_role_policy_document = local.trust
}

resource "awscc_iam_managed_policy" "attached" { # expect
  roles           = [awscc_iam_role.attached.role_name]
  policy_document = local.broad
}

resource "awscc_iam_role" "inline" {
  assume_role_policy_document = local.trust
  policies = [{
    policy_name     = "broad"
    policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Broad", Effect = "Allow", Action = ["*"], Resource = "*" }] }) # expect
  }]
}

resource "awscc_iam_role" "separate" {
  assume_role_policy_document = local.trust
}

resource "awscc_iam_role_policy" "separate" {
  policy_name     = "broad"
  role_name       = awscc_iam_role.separate.role_name
  policy_document = local.broad # expect
}
