package awsarn

import "testing"

func TestOf(t *testing.T) {
	acct := Account{ID: "111122223333", Region: "eu-west-1"}
	cases := []struct {
		typ   string
		attrs map[string]string
		acct  Account
		want  string
	}{
		{"aws_iam_role", map[string]string{"name": "ds"}, acct, "arn:aws:iam::111122223333:role/ds"},
		{"aws_iam_role", map[string]string{"name": "ds", "path": "/team/"}, acct, "arn:aws:iam::111122223333:role/team/ds"},
		{"aws_s3_bucket", map[string]string{"bucket": "data"}, acct, "arn:aws:s3:::data"},
		{"aws_kms_key", nil, acct, "arn:aws:kms:eu-west-1:111122223333:key/tf-aws_kms_key.k"},
		{"aws_ecr_repository", map[string]string{"name": "train"}, acct, "arn:aws:ecr:eu-west-1:111122223333:repository/train"},
		{"aws_sagemaker_endpoint", map[string]string{"name": "Churn"}, acct, "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn"},
		{"aws_secretsmanager_secret", map[string]string{"name": "db"}, acct, "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-000000"},
		{"aws_ecr_repository", map[string]string{"name": "train"}, Account{ID: "111122223333"}, ""}, // region unknown
		{"aws_iam_role", nil, acct, ""}, // name generated
		{"aws_instance", nil, acct, ""},
	}
	for _, c := range cases {
		got, ok := Of(c.acct, c.typ, c.typ+".k", func(n string) (string, bool) { v, ok := c.attrs[n]; return v, ok })
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s %v: got %q %v, want %q", c.typ, c.attrs, got, ok, c.want)
		}
	}
}
