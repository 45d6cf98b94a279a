#!/usr/bin/env bash
# Regenerates the Terraform plan JSON fixtures of every rule from the HCL
# fixtures beside them: testdata/<ID>/<case>/main.tf -> testdata/<ID>/<case>.plan.json.
# Needs terraform and the AWS provider in a local plugin mirror; works offline
# with fake credentials. Usage: scripts/gen-plan-fixtures.sh [fixture-dir...]
set -euo pipefail
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
command -v terraform >/dev/null || { echo "terraform is not installed" >&2; exit 1; }
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat >"$work/rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct { exclude = ["registry.terraform.io/*/*"] }
}
RC
export TF_CLI_CONFIG_FILE="$work/rc" TF_IN_AUTOMATION=1 AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKEFAKE AWS_SECRET_ACCESS_KEY=fake AWS_REGION=eu-west-1
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || mapfile -t dirs < <(find internal/rules -path '*/testdata/*/*' -name main.tf -printf '%h\n' | sort)
# One provider installation serves every fixture.
mkdir -p "$work/cache"
export TF_PLUGIN_CACHE_DIR="$work/cache"
for d in "${dirs[@]}"; do
  case_dir="$work/case"; rm -rf "$case_dir"; mkdir -p "$case_dir"
  # The script brings its own provider setup; an example's terraform and
  # provider blocks (at column 0) are dropped.
  for f in "$d"/*.tf; do
    sed '/^terraform {/,/^}/d; /^provider "aws" {/,/^}/d' "$f" >"$case_dir/$(basename "$f")"
  done
  cat >"$case_dir/zz_provider.tf" <<'TF'
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
TF
  # Variables without defaults stay unknown in the plan, as in the HCL fixture.
  (cd "$case_dir" && terraform init -input=false -no-color >/dev/null &&
    terraform plan -input=false -refresh=false -no-color -out=plan.bin >/dev/null &&
    terraform show -json plan.bin | python3 -m json.tool --indent 2 > plan.json) || { echo "plan failed: $d" >&2; exit 1; }
  cp "$case_dir/plan.json" "$d.plan.json"
  echo "wrote $d.plan.json"
done
