package model

import (
	"reflect"
	"slices"
	"strings"
)

// Link is a reference from one resource to others: a role it runs as, a
// key it encrypts with, a bucket it reads.
type Link struct {
	From Resource
	// Attribute is the model's name for the reference: role, kms_key,
	// primary_container.model_data_url.
	Attribute string
	To        []string // the addresses of the resources it links to
	// Value is the reference's text when known: an ID or ARN written out.
	Value string
}

// Collection is the resources of one kind of a cloud model, named as the
// model's JSON names it (buckets, notebook_instances).
type Collection struct {
	Name      string
	Resources []Resource
}

// Collections lists the resources of a cloud model by kind, in the model's
// order.
func Collections(m any) []Collection {
	var out []Collection
	eachResource(m, func(field string, _ reflect.Value, res Resource) {
		if len(out) == 0 || out[len(out)-1].Name != field {
			out = append(out, Collection{Name: field})
		}
		out[len(out)-1].Resources = append(out[len(out)-1].Resources, res)
	})
	return out
}

// Links lists every reference of every resource of a cloud model to other
// resources of the scan, or written out as an ID, in the model's order.
func Links(m any) []Link {
	var out []Link
	eachResource(m, func(_ string, r reflect.Value, res Resource) { links(r, res, &out) })
	return out
}

func eachResource(m any, fn func(field string, v reflect.Value, res Resource)) {
	v := reflect.Indirect(reflect.ValueOf(m))
	if v.Kind() != reflect.Struct {
		return
	}
	for i := range v.NumField() {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() || f.Kind() != reflect.Slice {
			continue
		}
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		for j := range f.Len() {
			r := reflect.Indirect(f.Index(j))
			if r.Kind() != reflect.Struct {
				continue
			}
			if res, ok := embeddedResource(r); ok {
				fn(name, r, res)
			}
		}
	}
}

// links records the references below v.
func links(v reflect.Value, res Resource, out *[]Link) {
	values(v, "", 0, func(v reflect.Value, path string) bool {
		if v.Type() != refType {
			return true
		}
		r := v.Interface().(Ref)
		value := ""
		if r.Known() {
			value = r.Value
		}
		if len(r.Targets) > 0 || value != "" {
			*out = append(*out, Link{From: res, Attribute: path, To: slices.Clone(r.Targets), Value: value})
		}
		return false
	})
}
