package terraform

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestLoadState: terraform show -json of a state (written by Terraform
// 1.11.4 with the AWS provider 5.100.0 from testdata/state/terraform.tfstate)
// and the raw state itself give the same deployed resources, with every
// value known and the documents marked as state.
func TestLoadState(t *testing.T) {
	for _, name := range []string{"testdata/state/state.json", "testdata/state/terraform.tfstate"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rs, diags := LoadState(name, data)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", name, diags)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.Address+"="+r.Format)
		}
		if strings.Join(got, " ") != "aws_kms_key.data=terraform-state aws_sagemaker_notebook_instance.research=terraform-state" {
			t.Errorf("%s: %v", name, got)
		}
		nb := rs[1].Body
		if v := nb.Attr("direct_internet_access"); v == nil || v.Value.AsString() != "Enabled" {
			t.Errorf("%s: direct_internet_access %v", name, v)
		}
		if blk := nb.Blocks; len(blk) != 1 || blk[0].Type != "instance_metadata_service_configuration" {
			t.Errorf("%s: blocks %v", name, blk)
		}
		if strings.HasSuffix(name, ".tfstate") && rs[1].Range.StartLine != 8 {
			t.Errorf("raw state: the notebook is at line %d, want 8", rs[1].Range.StartLine)
		}
	}
}

func TestLoadStateErrors(t *testing.T) {
	cases := map[string]string{
		`{"version": 3, "resources": []}`:  "state format version 3",
		`{"version": 4, "resources": [1]}`: "Invalid Terraform state",
		`{"version": 4,`:                   "Invalid Terraform state",
	}
	for src, want := range cases {
		_, diags := LoadState("s.tfstate", []byte(src))
		if !strings.Contains(fmt.Sprint(diags), want) {
			t.Errorf("%s: %v, want %q", src, diags, want)
		}
	}
	if rs, diags := LoadState("s.json", []byte(`{"format_version":"1.0","terraform_version":"1.11.4"}`)); len(rs)+len(diags) != 0 {
		t.Errorf("an empty state: %v %v", rs, diags)
	}
}

// FuzzLoadState: any bytes either load or produce diagnostics.
func FuzzLoadState(f *testing.F) {
	for _, name := range []string{"testdata/state/state.json", "testdata/state/terraform.tfstate"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"version": 4, "resources": [{"module": "module.a", "type": "aws_x", "name": "y", "instances": [{"index_key": "k", "attributes": {"a": [1, {"b": null}]}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		LoadState("s.tfstate", data)
	})
}
