package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/rule"
)

// Input renders the document policies read as input: the typed models of
// one scanned unit ({"aws": {...}}), secrets redacted, as `mlguard scan
// --dump-input` prints it.
func Input(in *rule.Input) ([]byte, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	b, err = json.Marshal(redact(doc, ""))
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	return b, nil
}

// document is the input as a Rego value, built once per input and shared
// by every policy, with an index of its resources by address built only
// when a violation names a resource by its address.
type document struct {
	value ast.Value
	json  []byte
	err   error

	once      sync.Once
	resources map[string]model.Resource
}

type documentKey struct{}

func documentOf(in *rule.Input) *document {
	return in.Memo(documentKey{}, func() any {
		b, err := Input(in)
		if err != nil {
			return &document{err: err}
		}
		v, err := ast.ValueFromReader(bytes.NewReader(b))
		if err != nil {
			return &document{err: fmt.Errorf("policy input: %w", err)}
		}
		return &document{value: v, json: b}
	}).(*document)
}

// byAddress returns the resource of the input with that address.
func (d *document) byAddress(addr string) (model.Resource, bool) {
	d.once.Do(func() {
		d.resources = map[string]model.Resource{}
		var generic any
		if json.Unmarshal(d.json, &generic) == nil {
			indexResources(generic, d.resources)
		}
	})
	r, ok := d.resources[addr]
	return r, ok
}

// indexResources indexes the resources of the input: the items of its
// collections ({"aws": {"notebook_instances": [...], ...}}). Objects nested
// in them (the resource that declares a policy) are not resources of their
// own here.
func indexResources(doc any, out map[string]model.Resource) {
	clouds, _ := doc.(map[string]any)
	for _, cloud := range clouds {
		collections, _ := cloud.(map[string]any)
		for _, c := range collections {
			items, _ := c.([]any)
			for _, item := range items {
				if r, err := decode[model.Resource](item); err == nil && r.Address != "" {
					out[r.Address] = r
				}
			}
		}
	}
}

// decode reads a Rego (or JSON) value into T through its JSON form.
func decode[T any](v any) (T, error) {
	var out T
	b, err := json.Marshal(v)
	if err != nil {
		return out, err
	}
	err = json.Unmarshal(b, &out)
	return out, err
}

// evaluate runs a prepared deny query on one input and turns each object it
// produces into a result.
func evaluate(ctx context.Context, q rego.PreparedEvalQuery, in *rule.Input, where string, lim Limits) ([]rule.Result, error) {
	doc := documentOf(in)
	if doc.err != nil {
		return nil, doc.err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ctx, stop := context.WithTimeoutCause(ctx, lim.Timeout, fmt.Errorf("%w: evaluation took longer than %s", errBound, lim.Timeout))
	defer stop()
	go watchHeap(ctx, cancel, lim.HeapBytes)
	var builtinErrs []topdown.Error
	rs, err := q.Eval(ctx, rego.EvalParsedInput(doc.value), rego.EvalBuiltinErrorList(&builtinErrs))
	if cause := context.Cause(ctx); err != nil && errors.Is(cause, errBound) {
		return nil, fmt.Errorf("%s: stopped: %w", where, cause)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if err := boundErrors(builtinErrs); err != nil {
		return nil, fmt.Errorf("%s: stopped: %w", where, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	items, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: deny is not a set of objects", where)
	}
	if len(items) > lim.Violations {
		return nil, fmt.Errorf("%s: stopped: %w: more than %d violations on one unit", where, errBound, lim.Violations)
	}
	var out []rule.Result
	for _, item := range items {
		r, keep, err := doc.result(item, lim.Message)
		if err != nil {
			return nil, fmt.Errorf("%s: deny produced %s: %w", where, brief(item), err)
		}
		if keep {
			out = append(out, r)
		}
	}
	return out, nil
}

// violation is what a deny rule produces.
type violation struct {
	Resource json.RawMessage `json:"resource"`
	Message  string          `json:"message"`
	// At is the offending value (any attribute object of the input, with
	// its range and provenance); the finding points at it when it was
	// written, else at the resource.
	At *struct {
		model.Meta
		Targets []string `json:"targets"`
	} `json:"at"`
	// Value identifies the offending value across runs (the baseline
	// fingerprint); optional.
	Value any `json:"value"`
}

// result turns one deny object into a result; keep is false for a
// violation on an unknown value, which is never reported.
func (d *document) result(item any, maxMessage int) (r rule.Result, keep bool, err error) {
	obj, ok := item.(map[string]any)
	if !ok {
		return r, false, fmt.Errorf("want an object with resource and message")
	}
	v, err := decode[violation](obj)
	if err != nil {
		return r, false, err
	}
	if v.Message == "" {
		return r, false, fmt.Errorf("message is missing")
	}
	if len(v.Message) > maxMessage {
		v.Message = strings.ToValidUTF8(v.Message[:maxMessage], "") + fmt.Sprintf("... (message cut at %d of its %d bytes)", maxMessage, len(v.Message))
	}
	res, err := d.resource(v.Resource)
	if err != nil {
		return r, false, err
	}
	value := ""
	switch t := v.Value.(type) {
	case nil:
	case string:
		value = t
	default:
		b, _ := json.Marshal(t)
		value = string(b)
	}
	if v.At == nil {
		return rule.OnResource(res, value, "%s", v.Message), true, nil
	}
	if v.At.Unknown && len(v.At.Targets) == 0 {
		// An unknown value is never a violation; a reference to a
		// computed attribute is unknown but its links are known.
		return r, false, nil
	}
	return rule.NewResult(res, v.At.Meta, value, "%s", v.Message), true, nil
}

// resource reads the resource a violation names: a resource object of the
// input, or its address.
func (d *document) resource(raw json.RawMessage) (model.Resource, error) {
	var addr string
	if json.Unmarshal(raw, &addr) == nil {
		res, ok := d.byAddress(addr)
		if !ok {
			return res, fmt.Errorf("resource %q is not in the input", addr)
		}
		return res, nil
	}
	var res model.Resource
	if err := json.Unmarshal(raw, &res); err != nil || res.Address == "" {
		return res, fmt.Errorf("resource must be a resource of the input or its address")
	}
	return res, nil
}

// brief renders a value for an error message, cut short.
func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}
