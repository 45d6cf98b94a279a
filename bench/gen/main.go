// Command gen writes a synthetic Terraform tree of an ML platform with the
// given number of .tf files, for benchmarks: root stacks calling a shared
// network module and an ML module, with count, for_each, locals and policy
// documents, and about one insecure resource in three.
//
//	go run ./bench/gen -files 1000 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	files := flag.Int("files", 1000, "number of .tf files to write")
	out := flag.String("out", "bench/out/corpus", "directory to write (replaced)")
	flag.Parse()
	if err := write(*out, *files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Each stack is 5 files; the two shared modules are 4 more.
func write(dir string, files int) error {
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
	for i := 0; 4+5*(i+1) <= files; i++ {
		stack := fmt.Sprintf("stacks/team%04d", i)
		insecure := i%3 == 0
		parts := map[string]string{
			"main.tf":      fmt.Sprintf(stackMain, i, i%200),
			"ml.tf":        fmt.Sprintf(stackML, !insecure),
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
    security_group_ids = ["sg-0123456789abcdef0"]
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
  direct_internet_access = "%s"
  root_access            = "Disabled"
}
`

const stackVariables = `variable "notebooks" {
  type    = number
  default = 2
}
`
