// Package kubernetes reads Kubernetes manifests: YAML streams of several
// documents (as `helm template` or `kustomize build` print them), JSON, and
// List objects, into objects that keep the source line of every value.
package kubernetes

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name recorded on the resources read from manifests.
const Format = "kubernetes"

// Object is one Kubernetes object of a manifest.
type Object struct {
	APIVersion string
	Kind       string
	Name       string
	Namespace  string // as written; empty when the manifest leaves it to kubectl -n
	Doc        *node.Value
	Range      source.Range
}

// Group returns the API group of the object (serving.kserve.io), empty for
// the core group.
func (o *Object) Group() string {
	group, _, found := strings.Cut(o.APIVersion, "/")
	if !found {
		return ""
	}
	return group
}

// maxListDepth bounds List objects nested in List objects.
const maxListDepth = 8

// Parse reads the objects of a manifest file. A document that is not an
// object (no apiVersion or kind) is reported as a warning and skipped; a file
// that is not YAML gives an error and the objects read before the error.
func Parse(name string, data []byte) ([]*Object, source.Diagnostics) {
	if unrendered(data) {
		var diags source.Diagnostics
		diags.Warnf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Unrendered template",
			"the file holds template directives ({{ ... }}); render it (helm template, kustomize build) and scan the output")
		return nil, diags
	}
	return ParseRendered(name, data)
}

// ParseRendered reads the objects of a manifest that a renderer wrote
// (Helm, Kustomize), where text that looks like a directive is data (an
// alerting rule's {{ $labels }} in a ConfigMap).
func ParseRendered(name string, data []byte) ([]*Object, source.Diagnostics) {
	var diags source.Diagnostics
	var objs []*Object
	dec := yaml.NewDecoder(bytes.NewReader(data))
	d := &node.Decoder{File: name, Limit: node.Budget(len(data))}
	for {
		var root yaml.Node
		err := dec.Decode(&root)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			diags.Errorf(node.ErrRange(name, err), "Invalid Kubernetes manifest", "%v", err)
			break
		}
		v := d.Decode(&root)
		if err, where := d.Err(); err != nil {
			diags.Errorf(where, "Invalid Kubernetes manifest", "%v", err)
			break
		}
		objs = collect(objs, v, &diags, 0)
	}
	return objs, diags
}

// collect adds the object a document holds, or the items of a List.
func collect(objs []*Object, v *node.Value, diags *source.Diagnostics, depth int) []*Object {
	if v == nil || v.Kind == node.Null {
		return objs // an empty document between separators
	}
	if v.Kind != node.Map {
		diags.Warnf(v.Range, "Not a Kubernetes object", "the document is not a mapping")
		return objs
	}
	api, _ := v.Get("apiVersion").Text()
	kind, _ := v.Get("kind").Text()
	if api == "" || kind == "" {
		diags.Warnf(v.Range, "Not a Kubernetes object", "the document has no apiVersion or kind")
		return objs
	}
	if items := v.Get("items"); kind == "List" || len(kind) > 4 && kind[len(kind)-4:] == "List" && items != nil {
		if depth >= maxListDepth {
			diags.Errorf(v.Range, "Invalid Kubernetes manifest", "List objects nest deeper than %d levels", maxListDepth)
			return objs
		}
		if items != nil {
			for _, it := range items.List {
				objs = collect(objs, it, diags, depth+1)
			}
		}
		return objs
	}
	o := &Object{APIVersion: api, Kind: kind, Doc: v, Range: v.Range}
	o.Name, _ = v.Path("metadata", "name").Text()
	if o.Name == "" {
		o.Name, _ = v.Path("metadata", "generateName").Text()
	}
	o.Namespace, _ = v.Path("metadata", "namespace").Text()
	return append(objs, o)
}

// unrendered reports a Helm or other Go template that was not rendered:
// its directives are not YAML, and what they produce cannot be known.
func unrendered(data []byte) bool {
	i := bytes.Index(data, []byte("{{"))
	return i >= 0 && bytes.Contains(data[i:], []byte("}}"))
}
