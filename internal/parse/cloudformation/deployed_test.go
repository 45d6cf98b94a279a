package cloudformation

import (
	"context"
	"testing"
)

// TestDeployedValues: with AWS::AccountId given (mlguard access), Ref and
// Fn::GetAtt of resources with literal names give their names and ARNs;
// generated names, and no account, stay unknown.
func TestDeployedValues(t *testing.T) {
	const tmpl = `
Resources:
  Data: {Type: AWS::S3::Bucket, Properties: {BucketName: data}}
  Gen: {Type: AWS::S3::Bucket}
  Key: {Type: AWS::KMS::Key}
  Role: {Type: AWS::IAM::Role, Properties: {RoleName: ds, Path: /team/}}
  Out:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument:
        A: !Ref Data
        B: !GetAtt Data.Arn
        C: !Sub "${Data.Arn}/*"
        D: !GetAtt Key.Arn
        E: !Ref Key
        F: !GetAtt [Role, Arn]
        G: !GetAtt Gen.Arn
        H: !GetAtt Data.DomainName
`
	cases := []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{"AWS::AccountId": "111122223333", "AWS::Region": "eu-west-1"},
			`{"A":"data","B":"arn:aws:s3:::data","C":"arn:aws:s3:::data/*","D":"arn:aws:kms:eu-west-1:111122223333:key/tf-Key","E":"tf-Key","F":"arn:aws:iam::111122223333:role/team/ds","G":"(known after apply)","H":"(known after apply)"}`},
		{nil, `{"A":"(known after apply)","B":"(known after apply)","C":"(known after apply)/*","D":"(known after apply)","E":"(known after apply)","F":"(known after apply)","G":"(known after apply)","H":"(known after apply)"}`},
	}
	for _, c := range cases {
		tpl, _ := Parse(context.Background(), "t.yaml", []byte(tmpl), Options{Params: c.params})
		for _, r := range tpl.Resources {
			if r.LogicalID != "Out" {
				continue
			}
			if got := r.Properties.Get("PolicyDocument").JSON(); got != c.want {
				t.Errorf("%v:\n%s\nwant\n%s", c.params, got, c.want)
			}
		}
	}
}
