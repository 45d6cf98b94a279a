package terraform

import (
	"testing"

	"github.com/mlguard/mlguard/internal/awsarn"
)

// TestDeployedARNs: with the account given, the ARNs of resources whose
// names are configured, and the caller's account, are known to the
// expressions that read them; without it they stay unknown.
func TestDeployedARNs(t *testing.T) {
	files := map[string]string{"main.tf": `
provider "aws" {
  region = "eu-west-1"
}
data "aws_caller_identity" "me" {}
resource "aws_s3_bucket" "b" { bucket = "data" }
resource "aws_kms_key" "k" {}
resource "aws_iam_role" "r" {
  name = "ds"
  path = "/team/"
}
resource "aws_iam_role" "generated" {}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [
    "${aws_s3_bucket.b.arn}/*", aws_kms_key.k.arn, aws_iam_role.r.arn, aws_iam_role.generated.arn,
    "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root",
  ] }] })
}
`}
	cases := []struct {
		acct *awsarn.Account
		want string
	}{
		{&awsarn.Account{ID: "111122223333"}, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::data/*","arn:aws:kms:eu-west-1:111122223333:key/tf-aws_kms_key.k","arn:aws:iam::111122223333:role/team/ds","(known after apply)","arn:aws:iam::111122223333:root"]}]}`},
		{nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":["(known after apply)","(known after apply)","(known after apply)","(known after apply)","(known after apply)"]}]}`},
	}
	for _, c := range cases {
		res := load(t, files, Options{AWS: c.acct})
		a := attr(res, "aws_iam_role_policy.p", "policy")
		got := a.Value.AsString()
		if got != c.want {
			t.Errorf("policy:\n%s\nwant:\n%s", got, c.want)
		}
	}
}
