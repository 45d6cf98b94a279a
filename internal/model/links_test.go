package model

import (
	"reflect"
	"testing"
)

type linkRes struct {
	Resource
	Role   Ref  `json:"role"`
	Groups Refs `json:"security_groups"`
	Inner  struct {
		Key Ref `json:"kms_key"`
	} `json:"output"`
	None Ref `json:"none"`
}

type linkModel struct {
	Things []*linkRes `json:"things"`
	Other  []*linkRes `json:"others"`
}

func TestLinks(t *testing.T) {
	m := &linkModel{
		Things: []*linkRes{{Resource: Resource{Address: "a"}, Role: Ref{Targets: []string{"role.r"}},
			Groups: Refs{Items: []Ref{{Targets: []string{"sg.1"}}, {Targets: []string{"sg.2"}}}}}},
		Other: []*linkRes{{Resource: Resource{Address: "b"}}},
	}
	m.Things[0].Inner.Key = Ref{Targets: []string{"key.k"}}
	var got []string
	for _, l := range Links(m) {
		got = append(got, l.From.Address+" "+l.Attribute+" "+l.To[0])
	}
	want := []string{"a role role.r", "a security_groups sg.1", "a security_groups sg.2", "a output.kms_key key.k"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
	cs := Collections(m)
	if len(cs) != 2 || cs[0].Name != "things" || cs[1].Name != "others" || cs[1].Resources[0].Address != "b" {
		t.Errorf("collections %+v", cs)
	}
}
