package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	cases := []struct {
		action, access string
		condition      string // a condition key the action must support, or ""
	}{
		{"sagemaker:CreateTrainingJob", Write, "sagemaker:VolumeKmsKeyArn"},
		{"SageMaker:createnotebookinstance", Write, "sagemaker:DirectInternetAccess"},
		{"sagemaker:CreateNotebookInstance", Write, "sagemaker:RootAccess"},
		{"sagemaker:CreateProcessingJob", Write, "sagemaker:NetworkIsolation"},
		{"sagemaker:CreateTrainingJob", Write, "sagemaker:InterContainerTrafficEncryption"},
		{"sagemaker:CreatePresignedNotebookInstanceUrl", Write, ""},
		{"iam:PassRole", Write, "iam:PassedToService"},
		{"iam:AttachRolePolicy", PermissionsManagement, ""},
		{"s3:GetObject", Read, "s3:ExistingObjectTag/<key>"},
		{"s3:ListBucket", List, ""},
		{"kms:Decrypt", Write, "kms:ViaService"},
		{"ec2:CreateNetworkInterface", Write, ""},
		{"bedrock:InvokeModel", Read, ""},
	}
	for _, c := range cases {
		_, a, ok := Lookup(c.action)
		if !ok {
			t.Errorf("%s: not in the catalog", c.action)
			continue
		}
		if !a.Is(c.access) {
			t.Errorf("%s: access %q, want %q", c.action, a.Access, c.access)
		}
		if c.condition != "" && !slices.ContainsFunc(a.Conditions, func(k string) bool {
			return strings.EqualFold(k, c.condition) || strings.EqualFold(strings.ReplaceAll(k, "${TagKey}", "<key>"), c.condition)
		}) {
			t.Errorf("%s: no condition key %s in %v", c.action, c.condition, a.Conditions)
		}
	}
	for _, missing := range []string{"sagemaker:Nope", "nosuchservice:Get", "sagemaker", "ec2:RunInstances"} {
		if _, _, ok := Lookup(missing); ok {
			t.Errorf("%s should not be in the catalog", missing)
		}
	}
}

func TestExpand(t *testing.T) {
	if got := Expand("iam:Pass*"); !slices.Equal(got, []string{"iam:PassRole"}) {
		t.Errorf("iam:Pass* = %v", got)
	}
	gets := Expand("s3:Get*")
	if !slices.Contains(gets, "s3:GetObject") || len(gets) < 20 {
		t.Errorf("s3:Get* = %d actions", len(gets))
	}
	for _, a := range gets {
		if !strings.HasPrefix(a, "s3:Get") {
			t.Errorf("s3:Get* gave %s", a)
		}
	}
	if all, creates := Expand("*"), Expand("sagemaker:Create*"); len(all) < 2000 || len(creates) < 50 {
		t.Errorf("* gave %d, sagemaker:Create* %d", len(all), len(creates))
	}
}

func TestConditionKeys(t *testing.T) {
	for key, want := range map[string]string{
		"sagemaker:DirectInternetAccess": "String", "sagemaker:NetworkIsolation": "Bool",
		"sagemaker:VpcSubnets": "ArrayOfString", "sagemaker:VolumeKmsKey": "ARN", "iam:passedtoservice": "String",
	} {
		if got, ok := ConditionKeyType(key); !ok || got != want {
			t.Errorf("%s: %q, %v; want %s", key, got, ok, want)
		}
	}
	if !strings.Contains(Source, "iam-data") || len(Services()) != 15 {
		t.Errorf("source %q, %d services", Source, len(Services()))
	}
}
