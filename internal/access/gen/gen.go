// Package gen writes a generated multi-account ML platform in Terraform,
// for the benchmark of mlguard access: a shared services account and
// business unit accounts, each a tenant with its roles, buckets, keys,
// repositories and secrets, the central roles that read every unit's data,
// and one planted path from a unit's role through a central role to
// another unit's data.
package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Config sizes the platform.
type Config struct {
	Dir      string
	Accounts int // the first is shared services
	Roles    int // per account
	Assets   int // per account: half buckets, a quarter keys, an eighth repositories, an eighth secrets
}

// Stats says what was written.
type Stats struct {
	Accounts, Roles, Assets int
}

// Central is the number of central roles that read every unit's data.
const Central = 10

// AccountID is the ID of account i.
func AccountID(i int) string { return fmt.Sprintf("%012d", 100000000000+i) }

// Write writes one directory per account and the .mlguard.yaml that maps
// them.
func Write(c Config) (Stats, error) {
	var st Stats
	var cfg strings.Builder
	cfg.WriteString("accounts:\n")
	for i := 0; i < c.Accounts; i++ {
		fmt.Fprintf(&cfg, "  acct%d: {id: \"%s\", region: eu-west-1}\n", i, AccountID(i))
	}
	cfg.WriteString("tenants:\n")
	for i := 1; i < c.Accounts; i++ {
		fmt.Fprintf(&cfg, "  unit%d: {accounts: [\"%s\"]}\n", i, AccountID(i))
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return st, err
	}
	if err := os.WriteFile(filepath.Join(c.Dir, ".mlguard.yaml"), []byte(cfg.String()), 0o644); err != nil {
		return st, err
	}
	for i := 0; i < c.Accounts; i++ {
		dir := filepath.Join(c.Dir, fmt.Sprintf("acct%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return st, err
		}
		var b strings.Builder
		account(&b, c, i, &st)
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644); err != nil {
			return st, err
		}
		st.Accounts++
	}
	return st, nil
}

func account(b *strings.Builder, c Config, i int, st *Stats) {
	shared := AccountID(0)
	fmt.Fprintf(b, "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n\n")
	for j := 0; j < c.Roles; j++ {
		name := fmt.Sprintf("acct%d-role-%d", i, j)
		trust := fmt.Sprintf(`{ AWS = "arn:aws:iam::%s:root" }`, AccountID(i))
		if i == 0 && j < Central {
			name = fmt.Sprintf("central-%d", j)
			trust = `{ Service = "sagemaker.amazonaws.com" }`
			if j == 0 && c.Accounts > 1 {
				// The planted path: unit 1's first role may assume central-0.
				trust = fmt.Sprintf(`{ AWS = "arn:aws:iam::%s:role/acct1-role-0" }`, AccountID(1))
			}
		}
		fmt.Fprintf(b, `resource "aws_iam_role" "r%d" {
  name = %q
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = %s, Action = "sts:AssumeRole" }] })
  inline_policy {
    name = "work"
    policy = jsonencode({ Version = "2012-10-17", Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::%s/*" },
      { Effect = "Allow", Action = ["kms:Decrypt", "kms:GenerateDataKey", "secretsmanager:GetSecretValue", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource = "*" },
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::%s:role/central-%d" },
    ] })
  }
}

`, j, name, trust, bucketPrefix(i, j), shared, j%Central)
		st.Roles++
	}
	buckets, keys, repos := c.Assets/2, c.Assets/4, c.Assets/8
	secrets := c.Assets - buckets - keys - repos
	for k := 0; k < keys; k++ {
		fmt.Fprintf(b, `resource "aws_kms_key" "k%d" {
  enable_key_rotation = true
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = { AWS = "arn:aws:iam::%s:root" }, Action = "kms:*", Resource = "*" },
    { Effect = "Allow", Principal = { AWS = "arn:aws:iam::%s:role/central-%d" }, Action = "kms:Decrypt", Resource = "*" },
  ] })
}

`, k, AccountID(i), shared, k%Central)
	}
	for k := 0; k < buckets; k++ {
		fmt.Fprintf(b, `resource "aws_s3_bucket" "b%d" {
  bucket = "acct%d-data-%d"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b%d" {
  bucket = aws_s3_bucket.b%d.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k%d.arn
    }
  }
}

resource "aws_s3_bucket_policy" "b%d" {
  bucket = aws_s3_bucket.b%d.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = { AWS = "arn:aws:iam::%s:role/central-%d" }, Action = "s3:GetObject", Resource = "${aws_s3_bucket.b%d.arn}/*" },
    { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "${aws_s3_bucket.b%d.arn}/*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
  ] })
}

`, k, i, k, k, k, k%max(keys, 1), k, k, shared, k%Central, k, k)
	}
	for k := 0; k < repos; k++ {
		fmt.Fprintf(b, `resource "aws_ecr_repository" "e%d" {
  name = "acct%d-repo-%d"
}

`, k, i, k)
	}
	for k := 0; k < secrets; k++ {
		fmt.Fprintf(b, `resource "aws_secretsmanager_secret" "s%d" {
  name       = "acct%d-secret-%d"
  kms_key_id = aws_kms_key.k%d.arn
}

`, k, i, k, k%max(keys, 1))
	}
	st.Assets += buckets + keys + repos + secrets
}

// bucketPrefix is the pattern of the bucket names a role of account i reads: its
// own account's buckets, and for the central roles every unit's.
func bucketPrefix(i, j int) string {
	if i == 0 && j < Central {
		return "acct*"
	}
	return fmt.Sprintf("acct%d-data-*", i)
}
