package model

import (
	"reflect"
	"testing"
)

type testBlock struct {
	Meta
	Key  Ref    `json:"kms_key"`
	Name String `json:"name"`
}

type testResource struct {
	Resource
	Access  String     `json:"direct_internet_access"`
	Linked  Ref        `json:"role"`
	Missing Ref        `json:"subnet"`
	Block   *testBlock `json:"vpc_config,omitempty"`
	Blocks  []testBlock
	Env     StringMap `json:"environment"`
	Subnets Refs      `json:"subnets"`
	Groups  Refs      `json:"security_groups"`
	Plain   bool
}

type testModel struct {
	Things []*testResource
	other  []*testResource
}

func TestUnknowns(t *testing.T) {
	unknown := Meta{Unknown: true}
	m := &testModel{Things: []*testResource{{
		Resource: Resource{Address: "x.a", Type: "x"},
		Access:   String{Meta: unknown},
		Linked:   Ref{Meta: unknown, Targets: []string{"aws_iam_role.r"}}, // set, value unknown: known enough
		Missing:  Ref{Meta: unknown},
		Block:    &testBlock{Meta: Meta{}, Key: Ref{Meta: unknown}, Name: String{Value: "n"}},
		Blocks:   []testBlock{{Meta: unknown, Key: Ref{Meta: unknown}}},
		Env:      StringMap{Values: map[string]String{"TOKEN": {Meta: unknown}}},
		Subnets:  Refs{Meta: unknown, Items: []Ref{{Meta: unknown, Targets: []string{"aws_subnet.a"}}}},
		Groups:   Refs{Meta: unknown, Items: []Ref{{Value: "sg-1"}, {Meta: unknown}}},
	}}}
	var got []string
	for _, u := range Unknowns(m) {
		got = append(got, u.Resource+" "+u.Attribute)
	}
	want := []string{"x.a blocks", "x.a direct_internet_access", "x.a environment.TOKEN", "x.a security_groups", "x.a subnet", "x.a vpc_config.kms_key"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
