package blueprint

import "testing"

// TestRender writes policy values with variables in place of stand-ins, in
// Terraform and in CloudFormation.
func TestRender(t *testing.T) {
	ps := placeholderSet{
		{Value: "arn:aws:s3:::BUCKET", Terraform: "var.bucket", CloudFormation: "Bucket"},
		{Value: "PREFIX/", Terraform: "var.prefixes", Each: true, CloudFormation: "Prefix"},
		{Value: "arn:aws:iam::111122223333:role/JOB", Terraform: "aws_iam_role.job.arn", CloudFormation: "JobRole.Arn"},
		{Value: "111122223333", Terraform: "var.account", CloudFormation: "AWS::AccountId"},
	}
	for _, c := range []struct {
		in        []string
		tf, first string
	}{
		{nil, "[]", ""},
		{[]string{"*"}, `["*"]`, "'*'"},
		{[]string{"arn:aws:s3:::BUCKET"}, "[var.bucket]", "!Ref Bucket"},
		{[]string{"PREFIX/"}, "var.prefixes", "!Ref Prefix"},
		{[]string{"arn:aws:s3:::BUCKET/PREFIX/*"}, `[for v in var.prefixes : "${var.bucket}/${v}*"]`, "!Sub '${Bucket}/${Prefix}*'"},
		// The longer stand-in wins where both start: the role, not the account.
		{[]string{"arn:aws:iam::111122223333:role/JOB"}, "[aws_iam_role.job.arn]", "!GetAtt JobRole.Arn"},
		{[]string{"arn:aws:logs:*:111122223333:log-group:${x}"}, `["arn:aws:logs:*:${var.account}:log-group:$${x}"]`, "!Sub 'arn:aws:logs:*:${AWS::AccountId}:log-group:${!x}'"},
		{[]string{"a", "arn:aws:s3:::BUCKET/PREFIX/*", "b"}, `concat(["a"], [for v in var.prefixes : "${var.bucket}/${v}*"], ["b"])`, "a"},
	} {
		if got := ps.list(c.in); got != c.tf {
			t.Errorf("list(%q) = %s, want %s", c.in, got, c.tf)
		}
		if len(c.in) > 0 {
			if got := ps.cfnValue(c.in[0]); got != c.first {
				t.Errorf("cfnValue(%q) = %s, want %s", c.in[0], got, c.first)
			}
		}
	}
}
