package cloudformation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const header = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
  Subnets: {Type: CommaDelimitedList, Default: "subnet-1, subnet-2"}
  NoDefault: {Type: String}
  Ssm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /ml/key}
Mappings:
  Regions:
    prod: {Key: arn:aws:kms:eu-west-1:111122223333:key/abc}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Either: !Or [!Condition IsProd, !Equals [!Ref NoDefault, x]]
  Both: !And [!Condition NotProd, !Equals [!Ref NoDefault, x]]
  Open: !Equals [!Ref NoDefault, x]
Resources:
  Key:
    Type: AWS::KMS::Key
  Target:
    Type: AWS::S3::Bucket
    Properties:
      P: `

// eval parses a template whose Target.P property is expr and returns P.
func eval(t *testing.T, expr string, params map[string]string) (*Value, *Template) {
	t.Helper()
	tmpl, diags := Parse(context.Background(), "t.yaml", []byte(header+expr+"\n"), Options{Params: params})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", expr, diags)
	}
	for _, r := range tmpl.Resources {
		if r.LogicalID == "Target" {
			return r.Properties.Get("P"), tmpl
		}
	}
	return nil, tmpl
}

func TestIntrinsics(t *testing.T) {
	tests := []struct {
		expr  string
		want  string // JSON of the result; unknown parts as the placeholder
		refs  string
		known bool
	}{
		{`!Ref Env`, `"prod"`, "", true},
		{`!Ref NoDefault`, `"(known after apply)"`, "", false},
		{`!Ref Ssm`, `"(known after apply)"`, "", false},
		{`!Ref Key`, `"(known after apply)"`, "Key", false},
		{`!GetAtt Key.Arn`, `"(known after apply)"`, "Key", false},
		{`{"Fn::GetAtt": [Key, Arn]}`, `"(known after apply)"`, "Key", false},
		{`!Ref AWS::Region`, `"(known after apply)"`, "", false},
		{`!Sub "ml-${Env}"`, `"ml-prod"`, "", true},
		{`!Sub "arn:aws:s3:::${Key}/${!Literal}"`, `"arn:aws:s3:::(known after apply)/${Literal}"`, "Key", false},
		{`!Sub ["${A}-${B}", {A: x, B: !Ref Env}]`, `"x-prod"`, "", true},
		{`!Sub "${Key.Arn}"`, `"(known after apply)"`, "Key", false},
		{`!Join ["-", [a, !Ref Env]]`, `"a-prod"`, "", true},
		{`!Join ["-", [a, !Ref Key]]`, `"a-(known after apply)"`, "Key", false},
		{`!Join ["", ["arn:", !Ref AWS::Partition, ":iam::aws:policy/AmazonSageMakerFullAccess"]]`, `"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"`, "", true},
		{`!Join ["", ["arn:", !Ref AWS::Partition, ":s3:::", !Ref Key, "/*"]]`, `"arn:aws:s3:::(known after apply)/*"`, "Key", false},
		{`!Sub "s3.${AWS::Region}.${AWS::URLSuffix}"`, `"s3.(known after apply).amazonaws.com"`, "", false},
		{`!Select [1, !Ref Subnets]`, `"subnet-2"`, "", true},
		{`!Select [0, !Split [",", "a,b"]]`, `"a"`, "", true},
		{`!FindInMap [Regions, !Ref Env, Key]`, `"arn:aws:kms:eu-west-1:111122223333:key/abc"`, "", true},
		{`!If [IsProd, yes, no]`, `"yes"`, "", true},
		{`!If [NotProd, yes, no]`, `"no"`, "", true},
		{`!If [Either, yes, no]`, `"yes"`, "", true},
		{`!If [Both, yes, no]`, `"no"`, "", true},
		{`!If [Open, !Ref Key, no]`, `"(known after apply)"`, "Key", false},
		{`!ImportValue shared-key`, `"(known after apply)"`, "", false},
		{`!Base64 "echo hi"`, `"ZWNobyBoaQ=="`, "", true},
		{`[a, !Ref AWS::NoValue, b]`, `["a","b"]`, "", true},
		{`{A: !Ref AWS::NoValue, B: 1}`, `{"B":1}`, "", true},
		{`!If [IsProd, !Ref AWS::NoValue, x]`, `null`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			v, _ := eval(t, tt.expr, nil)
			if got := v.JSON(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if got := strings.Join(v.AllRefs(), ","); got != tt.refs {
				t.Errorf("refs %q, want %q", got, tt.refs)
			}
			if v.Known() != tt.known {
				t.Errorf("known = %v, want %v", v.Known(), tt.known)
			}
		})
	}
}

func TestParamsOverrideDefaults(t *testing.T) {
	v, _ := eval(t, `!If [IsProd, yes, no]`, map[string]string{"Env": "dev"})
	if got := v.JSON(); got != `"no"` {
		t.Errorf("got %s", got)
	}
	v, _ = eval(t, `!Ref NoDefault`, map[string]string{"NoDefault": "given"})
	if got := v.JSON(); got != `"given"` {
		t.Errorf("got %s", got)
	}
}

func TestResourceConditions(t *testing.T) {
	src := header + "x\n  Skipped:\n    Type: AWS::S3::Bucket\n    Condition: NotProd\n  Maybe:\n    Type: AWS::S3::Bucket\n    Condition: Open\n"
	tmpl, diags := Parse(context.Background(), "t.yaml", []byte(src), Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var ids []string
	for _, r := range tmpl.Resources {
		ids = append(ids, r.LogicalID)
		if r.LogicalID == "Maybe" && !r.ConditionUnknown {
			t.Error("Maybe: condition should be unknown")
		}
	}
	if got := strings.Join(ids, ","); got != "Key,Target,Maybe" {
		t.Errorf("resources %s", got)
	}
}

func TestLines(t *testing.T) {
	src := "Resources:\n  Nb:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RootAccess: Enabled\n      VpcConfig:\n        Subnets:\n          - a\n"
	tmpl, _ := Parse(context.Background(), "t.yaml", []byte(src), Options{})
	r := tmpl.Resources[0]
	if r.Range.StartLine != 2 || r.Range.EndLine != 8 {
		t.Errorf("resource range %v", r.Range)
	}
	if l := r.Properties.Get("RootAccess").Range.StartLine; l != 5 {
		t.Errorf("RootAccess at line %d", l)
	}
	if rg := r.Properties.Get("VpcConfig").Range; rg.StartLine != 6 || rg.EndLine != 8 {
		t.Errorf("VpcConfig at %v", rg)
	}
}

func TestJSONTemplate(t *testing.T) {
	src := "{\n\t\"Resources\": {\n\t\t\"Nb\": {\n\t\t\t\"Type\": \"AWS::SageMaker::NotebookInstance\",\n\t\t\t\"Properties\": {\"RootAccess\": {\"Fn::If\": [\"C\", \"Enabled\", \"Disabled\"]}}\n\t\t}\n\t},\n\t\"Conditions\": {\"C\": {\"Fn::Equals\": [\"a\", \"a\"]}}\n}\n"
	tmpl, diags := Parse(context.Background(), "t.json", []byte(src), Options{})
	if diags.HasErrors() || len(tmpl.Resources) != 1 {
		t.Fatalf("%v", diags)
	}
	p := tmpl.Resources[0].Properties.Get("RootAccess")
	if p.Str != "Enabled" || p.Range.StartLine != 5 {
		t.Errorf("got %q at %v", p.Str, p.Range)
	}
}

func TestBadTemplates(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not yaml", "Resources: [\n", "Invalid CloudFormation template"},
		{"no resources", "AWSTemplateFormatVersion: x\n", "no Resources section"},
		{"resource not a map", "Resources:\n  A: 1\n", "is not a mapping"},
		{"no type", "Resources:\n  A: {Properties: {}}\n", "has no Type"},
		{"circular condition", "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  R: {Type: AWS::S3::Bucket, Condition: A}\n", "Circular"},
		{"alias bomb", bomb(), "more than"},
		{"deep nesting", "Resources:\n  A:\n    Type: X\n    Properties: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", "deeper than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse(context.Background(), "t.yaml", []byte(tt.src), Options{})
			if !diags.HasErrors() || !strings.Contains(fmt.Sprint(diags), tt.want) {
				t.Errorf("diagnostics %v, want an error with %q", diags, tt.want)
			}
			for _, d := range diags {
				if d.Range.File != "t.yaml" || d.Range.StartLine < 1 {
					t.Errorf("diagnostic without a place: %v", d)
				}
			}
		})
	}
}

// bomb is a billion-laughs document: ten levels of ten aliases each.
func bomb() string {
	var sb strings.Builder
	sb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		sb.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("*a" + string(rune('0'+i-1)))
		}
		sb.WriteString("]\n")
	}
	sb.WriteString("Resources:\n  A: {Type: X, Properties: {P: *a9}}\n")
	return sb.String()
}

// FuzzParse feeds templates to the parser: it must never panic or hang.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../rules/aws/*/testdata/*/*.cfn.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(header + "!Sub [\"${A}\", {A: !GetAtt [Key, Arn]}]\n"))
	f.Add([]byte(bomb()))
	f.Fuzz(func(t *testing.T, data []byte) {
		tmpl, _ := Parse(context.Background(), "f.yaml", data, Options{})
		for _, r := range tmpl.Resources {
			_ = r.Properties.JSON()
		}
	})
}

func TestDuplicateKeysAreAnError(t *testing.T) {
	for name, in := range map[string]string{
		"logical ID": "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::S3::Bucket\n",
		"property":   "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: a\n      BucketName: b\n",
	} {
		_, diags := Parse(context.Background(), "t.yaml", []byte(in), Options{})
		if len(diags) != 1 || !strings.Contains(diags[0].Message(), "duplicate key") {
			t.Errorf("%s: want one duplicate key error, got %v", name, diags)
		}
	}
	merged := "Base: &b {Type: AWS::S3::Bucket}\nResources:\n  A:\n    <<: *b\n    Type: AWS::S3::Bucket\n"
	if _, diags := Parse(context.Background(), "t.yaml", []byte(merged), Options{}); len(diags) != 0 {
		t.Errorf("a key may override a merged one: %v", diags)
	}
}

func TestCircularResources(t *testing.T) {
	cases := map[string]string{
		"X -> Y -> X": "Resources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt Y.Arn\n  Y:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"${X}-y\"\n",
		"A -> B -> A": "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: B\n  B:\n    Type: AWS::S3::Bucket\n    DependsOn: [A]\n",
		"":            "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: B\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Param\nParameters:\n  Param:\n    Type: String\n",
	}
	for want, in := range cases {
		tpl, diags := Parse(context.Background(), "t.yaml", []byte(in), Options{})
		got := ""
		for _, d := range diags {
			if strings.Contains(d.Message(), "Circular dependency") {
				got = d.Message()
			}
		}
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("want cycle %q, got %q", want, got)
		}
		if len(tpl.Resources) != 2 {
			t.Errorf("the resources of a circular template are still read: %d", len(tpl.Resources))
		}
	}
}

// TestPartition: AWS::Partition is aws unless --cfn-param sets it, and
// AWS::URLSuffix follows it; other pseudo parameters may be given too.
func TestPartition(t *testing.T) {
	cases := []struct {
		params map[string]string
		want   string
	}{
		{nil, `"arn:aws:iam::aws:policy/X amazonaws.com (known after apply)"`},
		{map[string]string{"AWS::Partition": "aws-cn"}, `"arn:aws-cn:iam::aws:policy/X amazonaws.com.cn (known after apply)"`},
		{map[string]string{"AWS::Region": "eu-west-1"}, `"arn:aws:iam::aws:policy/X amazonaws.com eu-west-1"`},
	}
	for _, c := range cases {
		v, _ := eval(t, `!Sub "arn:${AWS::Partition}:iam::aws:policy/X ${AWS::URLSuffix} ${AWS::Region}"`, c.params)
		if got := v.JSON(); got != c.want {
			t.Errorf("%v: got %s, want %s", c.params, got, c.want)
		}
	}
}
