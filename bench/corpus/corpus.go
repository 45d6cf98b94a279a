// Package corpus writes synthetic Terraform trees of an ML platform for
// benchmarks: root stacks calling shared network, ML and data modules, with
// count, for_each, dynamic blocks, locals and policy documents, and one team
// in three configured insecurely.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
)

// Each stack is 5 files; the three shared modules are 5 more.
// Write replaces dir with a tree of about the given number of .tf files.
func Write(dir string, files int) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	put := func(p, content string) error {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, []byte(content), 0o644)
	}
	if err := put("modules/network/main.tf", networkModule); err != nil {
		return err
	}
	if err := put("modules/network/outputs.tf", networkOutputs); err != nil {
		return err
	}
	if err := put("modules/ml/main.tf", mlModule); err != nil {
		return err
	}
	if err := put("modules/ml/variables.tf", mlVariables); err != nil {
		return err
	}
	if err := put("modules/data/main.tf", dataModule); err != nil {
		return err
	}
	for i := 0; 5+5*(i+1) <= files; i++ {
		stack := fmt.Sprintf("stacks/team%04d", i)
		insecure := i%3 == 0
		parts := map[string]string{
			"main.tf":      fmt.Sprintf(stackMain, i, i%200),
			"ml.tf":        fmt.Sprintf(stackML, !insecure, !insecure),
			"iam.tf":       stackIAM,
			"notebooks.tf": fmt.Sprintf(stackNotebooks, map[bool]string{true: "Enabled", false: "Disabled"}[insecure]),
			"variables.tf": stackVariables,
		}
		for name, content := range parts {
			if err := put(filepath.Join(stack, name), content); err != nil {
				return err
			}
		}
	}
	return nil
}

const networkModule = `variable "cidr" { type = string }
variable "zones" { type = map(number) }
resource "aws_vpc" "this" { cidr_block = var.cidr }
resource "aws_internet_gateway" "this" { vpc_id = aws_vpc.this.id }
resource "aws_subnet" "private" {
  for_each   = var.zones
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, each.value)
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
}
resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}
`

const networkOutputs = `output "vpc_id" { value = aws_vpc.this.id }
output "subnet_ids" { value = [for s in aws_subnet.private : s.id] }
`

const mlVariables = `variable "name" { type = string }
variable "security_group_ids" { type = list(string) }
variable "subnet_ids" { type = list(string) }
variable "isolate" { type = bool }
variable "role_arn" { type = string }
`

const mlModule = `resource "aws_kms_key" "this" { enable_key_rotation = true }
resource "aws_sagemaker_model" "this" {
  name                     = var.name
  execution_role_arn       = var.role_arn
  enable_network_isolation = var.isolate
  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/${var.name}:1"
  }
  vpc_config {
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }
}
resource "aws_sagemaker_endpoint_configuration" "this" {
  name        = var.name
  kms_key_arn = var.isolate ? aws_kms_key.this.arn : null
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.this.name
    initial_instance_count = 2
    instance_type          = "ml.m5.large"
  }
}
`

const stackMain = `locals {
  team  = "team%04d"
  zones = { a = 1, b = 2, c = 3 }
}
module "network" {
  source = "../../modules/network"
  cidr   = "10.%d.0.0/16"
  zones  = local.zones
}
`

const stackML = `module "model" {
  source     = "../../modules/ml"
  for_each   = toset(["churn", "fraud"])
  name       = "${local.team}-${each.key}"
  subnet_ids = module.network.subnet_ids
  isolate    = %t
  role_arn   = aws_iam_role.exec.arn

  security_group_ids = [module.data.security_group_id]
}
module "data" {
  source = "../../modules/data"
  name   = local.team
  vpc_id = module.network.vpc_id
  secure = %t
}
`

const stackIAM = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "exec" {
  name               = "${local.team}-exec"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
resource "aws_iam_role_policy" "exec" {
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::${local.team}-data/*" }]
  })
}
`

const stackNotebooks = `resource "aws_sagemaker_notebook_instance" "nb" {
  count                  = var.notebooks
  name                   = "${local.team}-nb-${count.index}"
  role_arn               = aws_iam_role.exec.arn
  instance_type          = "ml.t3.medium"
  subnet_id              = module.network.subnet_ids[0]
  security_groups        = [module.data.security_group_id]
  direct_internet_access = "%s"
  root_access            = "Disabled"
}
`

const stackVariables = `variable "notebooks" {
  type    = number
  default = 2
}
`

// dataModule is where a team's training data and model artifacts live, with
// the security group and log group its jobs use; insecure teams leave the
// bucket on S3 managed keys and open SSH to the world.
const dataModule = `variable "name" { type = string }
variable "vpc_id" { type = string }
variable "secure" { type = bool }
resource "aws_kms_key" "data" { enable_key_rotation = true }
resource "aws_s3_bucket" "artifacts" { bucket = "${var.name}-artifacts" }
resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.secure ? "aws:kms" : "AES256"
      kms_master_key_id = var.secure ? aws_kms_key.data.arn : null
    }
  }
}
resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.secure
}
resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration { status = var.secure ? "Enabled" : "Suspended" }
}
resource "aws_security_group" "jobs" {
  name        = "${var.name}-jobs"
  description = "training and processing jobs"
  vpc_id      = var.vpc_id
  dynamic "ingress" {
    for_each = var.secure ? [] : [22]
    content {
      description = "ssh"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
output "security_group_id" { value = aws_security_group.jobs.id }
resource "aws_cloudwatch_log_group" "training" {
  name              = "/aws/sagemaker/TrainingJobs/${var.name}"
  retention_in_days = var.secure ? 365 : 30
  kms_key_id        = var.secure ? aws_kms_key.data.arn : null
}
`
