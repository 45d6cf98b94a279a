package model

import (
	"reflect"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/source"
)

// Unknown is a value of a resource that cannot be known before apply (an
// unset variable, a computed attribute, a runtime expression). Rules never
// judge it; reports list it so that users see what was not checked.
type Unknown struct {
	Resource  string       `json:"resource"`
	Type      string       `json:"resource_type"`
	Attribute string       `json:"attribute"` // the model's name for it: vpc_config.subnets
	Range     source.Range `json:"-"`
}

var (
	resourceType = reflect.TypeOf(Resource{})
	metaType     = reflect.TypeOf(Meta{})
	refType      = reflect.TypeOf(Ref{})
	mapType      = reflect.TypeOf(StringMap{})
	refsType     = reflect.TypeOf(Refs{})
)

// Unknowns walks a cloud model (a struct of slices of resources) and lists
// every unknown value of every resource, in the model's vocabulary. A link
// whose value is unknown (kms_key_id = aws_kms_key.k.arn) is known to be set
// and is not listed.
func Unknowns(m any) []Unknown {
	var out []Unknown
	v := reflect.Indirect(reflect.ValueOf(m))
	if v.Kind() != reflect.Struct {
		return nil
	}
	for i := range v.NumField() {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() || f.Kind() != reflect.Slice {
			continue
		}
		for j := range f.Len() {
			r := reflect.Indirect(f.Index(j))
			if r.Kind() != reflect.Struct {
				continue
			}
			res, ok := embeddedResource(r)
			if !ok {
				continue
			}
			walk(r, "", res, &out)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Attribute < b.Attribute
	})
	return out
}

// embeddedResource finds the Resource a model type embeds, directly or
// through another embedded struct (a Kubernetes Workload embeds Object,
// which embeds Resource).
func embeddedResource(v reflect.Value) (Resource, bool) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch {
		case !f.Anonymous:
		case f.Type == resourceType:
			return v.Field(i).Interface().(Resource), true
		case f.Type.Kind() == reflect.Struct:
			if r, ok := embeddedResource(v.Field(i)); ok {
				return r, true
			}
		}
	}
	return Resource{}, false
}

// walk records the unknown values below v; path is the attribute path so far.
func walk(v reflect.Value, path string, res Resource, out *[]Unknown) {
	values(v, path, 0, func(v reflect.Value, path string) bool {
		m, ok := metaOf(v)
		if !ok || !m.Unknown || path == "" || v.Type() == refType && v.Interface().(Ref).IsSet() {
			return true
		}
		*out = append(*out, Unknown{Resource: res.Address, Type: res.Type, Attribute: path, Range: m.Range})
		return false // what is inside an unknown value is unknown too
	})
}

// values walks the values of a resource below v, calling visit on each
// struct value with its attribute path (the model's JSON names joined by
// dots: vpc_config.subnets, environment.TOKEN); visit says whether to go
// into the struct's fields. A list of references with items is walked as
// its items, which say one by one what is known.
func values(v reflect.Value, path string, depth int, visit func(v reflect.Value, path string) bool) {
	if depth > 16 {
		return // models are shallow; this only guards against a cycle
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			values(v.Elem(), path, depth+1, visit)
		}
		return
	case reflect.Slice:
		for i := range v.Len() {
			values(v.Index(i), path, depth+1, visit)
		}
		return
	case reflect.Map:
		for _, k := range v.MapKeys() {
			values(v.MapIndex(k), join(path, k.String()), depth+1, visit)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	switch {
	case v.Type() == resourceType || v.Type() == metaType:
		return
	case v.Type() == refsType && len(v.Interface().(Refs).Items) > 0:
		values(v.FieldByName("Items"), path, depth+1, visit)
		return
	case !visit(v, path):
		return
	}
	for i := range v.NumField() {
		ft := v.Type().Field(i)
		if !ft.IsExported() || ft.Type == metaType || ft.Type == resourceType {
			continue
		}
		name, _, _ := strings.Cut(ft.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = strings.ToLower(ft.Name)
		}
		if ft.Anonymous || v.Type() == mapType {
			name = "" // an embedded struct's fields are its own; environment.TOKEN, not environment.values.TOKEN
		}
		values(v.Field(i), join(path, name), depth+1, visit)
	}
}

// metaOf returns the provenance a value carries: its own Meta, or an
// embedded one.
func metaOf(v reflect.Value) (Meta, bool) {
	if v.Type() == metaType {
		return v.Interface().(Meta), true
	}
	for i := range v.NumField() {
		if v.Type().Field(i).Anonymous && v.Field(i).Type() == metaType {
			return v.Field(i).Interface().(Meta), true
		}
	}
	return Meta{}, false
}

func join(path, name string) string {
	if path == "" || name == "" {
		return path + name
	}
	return path + "." + name
}
