package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/mlguard/mlguard/internal/source"
)

// LoadState reads deployed state: `terraform show -json` of a state (the
// values of every resource as it is running), or a raw terraform.tfstate of
// format version 4. Every value is known; documents are marked FormatState,
// so findings say they come from what is deployed. A state holds no
// configuration, so its resources carry no links: what they refer to is the
// known identifier in the value.
func LoadState(name string, data []byte) ([]*Resource, source.Diagnostics) {
	var diags source.Diagnostics
	var head struct {
		Version       *int            `json:"version"`
		FormatVersion string          `json:"format_version"`
		Resources     json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		diags.Errorf(source.JSONErrorRange(name, data, err), "Invalid Terraform state", "%v", err)
		return nil, diags
	}
	var root *tfjson.StateModule
	var lines map[string]int
	switch {
	case head.Version != nil:
		if *head.Version != 4 {
			diags.Errorf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Unsupported Terraform state",
				"state format version %d; mlguard reads version 4 (Terraform 0.12 and later): run terraform show -json on it", *head.Version)
			return nil, diags
		}
		var err error
		if root, lines, err = rawState(data); err != nil {
			diags.Errorf(source.JSONErrorRange(name, data, err), "Invalid Terraform state", "%v", err)
			return nil, diags
		}
	default:
		var st tfjson.State
		if err := json.Unmarshal(data, &st); err != nil {
			diags.Errorf(source.JSONErrorRange(name, data, err), "Invalid Terraform state", "%v", err)
			return nil, diags
		}
		if st.Values == nil || st.Values.RootModule == nil {
			return nil, diags // an empty state: nothing deployed
		}
		root, lines = st.Values.RootModule, addressLines(data, `"values"`)
	}
	p := &planReader{name: name, format: FormatState, lines: lines, unknown: map[string]any{}, exprs: map[string]map[string]*tfjson.Expression{}}
	var out []*Resource
	p.walk(root, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out, diags
}

// rawResource is a resource of terraform.tfstate (format version 4).
type rawResource struct {
	Module    string `json:"module"`
	Mode      string `json:"mode"`
	Type      string `json:"type"`
	Name      string `json:"name"`
	Instances []struct {
		IndexKey   any            `json:"index_key"`
		Attributes map[string]any `json:"attributes"`
	} `json:"instances"`
}

// rawState reads the resources of a raw state into the module tree that
// terraform show -json would print, and the line of each resource.
func rawState(data []byte) (*tfjson.StateModule, map[string]int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	modules := map[string]*tfjson.StateModule{"": {}}
	lines := map[string]int{}
	if err := seekKey(dec, "resources"); err != nil {
		return modules[""], lines, nil // no resources: nothing deployed
	}
	for dec.More() {
		line := source.LineOf(data, int(dec.InputOffset()))
		var r rawResource
		if err := dec.Decode(&r); err != nil {
			return nil, nil, err
		}
		mod := modules[r.Module]
		if mod == nil {
			mod = &tfjson.StateModule{Address: r.Module}
			modules[r.Module] = mod
			modules[""].ChildModules = append(modules[""].ChildModules, mod)
		}
		for _, in := range r.Instances {
			addr := r.Type + "." + r.Name
			if r.Mode == "data" {
				addr = "data." + addr
			}
			switch k := in.IndexKey.(type) {
			case float64:
				addr += fmt.Sprintf("[%d]", int64(k))
			case string:
				addr += fmt.Sprintf("[%q]", k)
			}
			if r.Module != "" {
				addr = r.Module + "." + addr
			}
			mode := tfjson.ManagedResourceMode
			if r.Mode == "data" {
				mode = tfjson.DataResourceMode
			}
			mod.Resources = append(mod.Resources, &tfjson.StateResource{Address: addr, Mode: mode, Type: r.Type, Name: r.Name, AttributeValues: in.Attributes})
			lines[addr] = line
		}
	}
	return modules[""], lines, nil
}

// seekKey moves dec into the value of a top-level key that holds an array.
func seekKey(dec *json.Decoder, key string) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("not a JSON object")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if t == key {
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return fmt.Errorf("%s is not an array", key)
			}
			return nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return fmt.Errorf("no %s", key)
}
