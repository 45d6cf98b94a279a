package terraform

import (
	"encoding/base64"
	"fmt"
	"io/fs"
	"maps"
	"math/big"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/collection"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/mlguard/mlguard/internal/source"
)

// evalState is what a function table reads when a function is called: the
// root module being evaluated (relative paths resolve against its
// directory) and that root's budget. Each evaluating goroutine builds one
// table and aims it at each root it evaluates in turn, rather than building
// ninety functions per root.
type evalState struct {
	dir    string
	budget *budget
}

// functions returns Terraform's function table for the root module st is
// aimed at, with relative paths inside fsys. Functions whose result Terraform
// only knows at apply time (uuid, timestamp, bcrypt) return unknown values.
func functions(fsys fs.FS, st *evalState, maxBytes int64) map[string]function.Function {
	readFile := func(p string) ([]byte, error) {
		fp, err := fsPath(st.dir, p)
		if err != nil {
			return nil, err
		}
		return source.ReadFile(fsys, fp, maxBytes)
	}
	fileFn := fileFunc(readFile, false)
	fns := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,
		"parseint": stdlib.ParseIntFunc,
		"chomp":    stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"trimspace": stdlib.TrimSpaceFunc, "replace": replaceFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": collection.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"index": indexFunc, "keys": stdlib.KeysFunc, "length": lengthFunc, "lookup": lookupFunc,
		"merge": stdlib.MergeFunc, "range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"one": oneFunc, "alltrue": allTrueFunc, "anytrue": anyTrueFunc, "sum": sumFunc,
		"startswith": strPredicate(strings.HasPrefix), "endswith": strPredicate(strings.HasSuffix),
		"strcontains": strPredicate(strings.Contains),
		"jsonencode":  jsonEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"base64encode": encoding.Base64EncodeFunc, "base64decode": encoding.Base64DecodeFunc,
		"urlencode": encoding.URLEncodeFunc,
		"md5":       crypto.Md5Func, "sha1": crypto.Sha1Func, "sha256": crypto.Sha256Func, "sha512": crypto.Sha512Func,
		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc, "cidrsubnet": cidr.SubnetFunc,
		"cidrsubnets": cidr.SubnetsFunc,
		"formatdate":  stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"sensitive": identityFunc, "nonsensitive": identityFunc,
		"basename": pathFunc(path.Base), "dirname": pathFunc(path.Dir), "abspath": identityStringFunc,
		"pathexpand": identityStringFunc,
		"file":       fileFn, "filebase64": fileFunc(readFile, true), "fileexists": fileExistsFunc(fsys, st),
		"uuid": unknownFunc(cty.String), "timestamp": unknownFunc(cty.String), "plantimestamp": unknownFunc(cty.String),
		"bcrypt": unknownVariadic(cty.String), "uuidv5": unknownVariadic(cty.String),
	}
	fns["templatefile"] = templateFileFunc(readFile, fns, st)
	fns["templatestring"] = templateStringFunc(fns, st)
	addFileHashes(fns, readFile)
	fns["fileset"] = fileSetFunc(fsys, st)
	addEncodings(fns)
	for name, f := range fns {
		if !boundless[name] {
			fns[name] = bounded(st, name, f)
		}
	}
	// Terraform 1.8 names every built-in also as core::NAME.
	for _, name := range slices.Collect(maps.Keys(fns)) {
		fns["core::"+name] = fns[name]
	}
	return fns
}

// fsPath turns a path as written in a module (relative to the root module, or
// absolute) into a path inside the scanned filesystem, refusing to leave it.
func fsPath(baseDir, p string) (string, error) {
	if path.IsAbs(p) {
		return "", fmt.Errorf("absolute path %q is outside the scanned tree", p)
	}
	fp := path.Clean(path.Join(baseDir, p))
	if !fs.ValidPath(fp) {
		return "", fmt.Errorf("path %q is outside the scanned tree", p)
	}
	return fp, nil
}

var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.Type() == cty.String {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		}
		if !v.IsKnown() || (v.Type().IsCollectionType() && !v.IsWhollyKnown() && v.Type().IsSetType()) {
			return cty.UnknownVal(cty.Number), nil
		}
		return v.Length(), nil
	},
})

var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, sub, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(re.ReplaceAllString(str, repl)), nil
		}
		return cty.StringVal(strings.ReplaceAll(str, sub, repl)), nil
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType() && len(ty.TupleElementTypes()) <= 1:
			if len(ty.TupleElementTypes()) == 0 {
				return cty.DynamicPseudoType, nil
			}
			return ty.TupleElementTypes()[0], nil
		}
		return cty.NilType, fmt.Errorf("one() needs a list, set or tuple")
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		v := args[0]
		if v.IsNull() || v.LengthInt() == 0 {
			return cty.NullVal(retType), nil
		}
		if v.LengthInt() > 1 {
			return cty.NilVal, fmt.Errorf("one() needs at most one element")
		}
		it := v.ElementIterator()
		it.Next()
		_, e := it.Element()
		return e, nil
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			result := all
			for it := args[0].ElementIterator(); it.Next(); {
				_, e := it.Element()
				if !e.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				if e.IsNull() {
					continue
				}
				if e.True() != all {
					result = !all
				}
			}
			return cty.BoolVal(result), nil
		},
	})
}

var (
	allTrueFunc = boolFold(true)
	anyTrueFunc = boolFold(false)
)

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Number)}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		total := new(big.Float)
		for it := args[0].ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() {
				return cty.NilVal, fmt.Errorf("sum() cannot add null")
			}
			total.Add(total, e.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

func strPredicate(f func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

var identityStringFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "path", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

func unknownFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		Type: function.StaticReturnType(ty),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ty), nil },
	})
}

func unknownVariadic(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true},
		Type:     function.StaticReturnType(ty),
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ty), nil },
	})
}

// jsonEncodeFunc is jsonencode, except that a partly unknown value still
// encodes: unknown parts become UnknownString. Policies often interpolate
// computed ARNs, and their actions must stay readable.
var jsonEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsWhollyKnown() {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.String), nil
			}
			v = withPlaceholders(v)
		}
		return stdlib.JSONEncode(v)
	},
})

// withPlaceholders replaces every unknown part of v with UnknownString.
func withPlaceholders(v cty.Value) cty.Value {
	if !v.IsKnown() {
		return cty.StringVal(UnknownString)
	}
	if v.IsNull() {
		return v
	}
	ty := v.Type()
	switch {
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		var elems []cty.Value
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			elems = append(elems, withPlaceholders(e))
		}
		if len(elems) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(elems)
	case ty.IsMapType() || ty.IsObjectType():
		attrs := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			attrs[k.AsString()] = withPlaceholders(e)
		}
		return cty.ObjectVal(attrs)
	}
	return v
}

func fileFunc(read func(string) ([]byte, error), b64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			if b64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			}
			return cty.StringVal(string(data)), nil
		},
	})
}

func fileExistsFunc(fsys fs.FS, st *evalState) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			fp, err := fsPath(st.dir, args[0].AsString())
			if err != nil {
				return cty.False, nil
			}
			fi, err := fs.Stat(fsys, fp)
			return cty.BoolVal(err == nil && fi.Mode().IsRegular()), nil
		},
	})
}

// templateFileFunc renders a template file with the given variables and the
// module's functions (except templatefile and templatestring, as in
// Terraform).
func templateFileFunc(read func(string) ([]byte, error), fns map[string]function.Function, st *evalState) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			data, err := read(p)
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return renderTemplate(p, data, args[1], fns, st)
		},
	})
}

// templateStringFunc renders a string value as a template (Terraform 1.9's
// templatestring), as templatefile renders a file.
func templateStringFunc(fns map[string]function.Function, st *evalState) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "template", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return renderTemplate("templatestring", []byte(args[0].AsString()), args[1], fns, st)
		},
	})
}

// renderTemplate parses and evaluates a template within the budget, with vars (an
// object or map; unknown makes the result unknown) and the module's
// functions less the template ones.
func renderTemplate(name string, data []byte, varsVal cty.Value, fns map[string]function.Function, st *evalState) (cty.Value, error) {
	if line, deep := tooDeepTemplate(data, MaxNesting); deep {
		return cty.UnknownVal(cty.String), fmt.Errorf("%s:%d: interpolations nest more than %d levels deep; the template is not read", name, line, MaxNesting)
	}
	parsed, diags := hclsyntax.ParseTemplate(data, name, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.UnknownVal(cty.String), diags
	}
	expr := bound(parsed.(hclsyntax.Expression))
	vars := map[string]cty.Value{}
	// The variables keep their marks (the template reads resources through
	// them); those of the whole object mark the result.
	v, marks := varsVal.Unmark()
	switch {
	case !v.IsKnown():
		return cty.UnknownVal(cty.String).WithMarks(marks), nil
	case !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()):
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			vars[k.AsString()] = e
		}
	}
	inner := make(map[string]function.Function, len(fns))
	for n, f := range fns {
		if base := strings.TrimPrefix(n, "core::"); base != "templatefile" && base != "templatestring" {
			inner[n] = f
		}
	}
	tctx := &hcl.EvalContext{Variables: st.budget.with(vars), Functions: inner}
	out, diags := expr.Value(tctx)
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == hcl.DiagError && !computedAttribute(d) {
				return cty.UnknownVal(cty.String), diags
			}
		}
		// Only computed attributes: unknown, linked to what it read.
		return cty.UnknownVal(cty.String).WithMarks(marks, readMarks(expr, tctx)), nil
	}
	if !out.IsKnown() {
		return cty.UnknownVal(cty.String).WithMarks(marks, readMarks(expr, tctx)), nil
	}
	return out.WithMarks(marks), nil
}

func pathFunc(f func(string) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(f(args[0].AsString())), nil
		},
	})
}

// lookupFunc is Terraform's lookup, whose default argument may be left out.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "map", Type: cty.DynamicPseudoType, AllowUnknown: true},
		{Name: "key", Type: cty.String, AllowUnknown: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) > 3 {
			return cty.NilType, fmt.Errorf("lookup() takes at most three arguments")
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) == 3 {
			return stdlib.Lookup(args[0], args[1], args[2])
		}
		m, k := args[0], args[1]
		if !m.IsKnown() || !k.IsKnown() {
			return cty.DynamicVal, nil
		}
		if m.IsNull() || !(m.Type().IsMapType() || m.Type().IsObjectType()) {
			return cty.NilVal, fmt.Errorf("lookup() needs a map")
		}
		if m.Type().IsObjectType() {
			if !m.Type().HasAttribute(k.AsString()) {
				return cty.NilVal, fmt.Errorf("lookup: key %q not found", k.AsString())
			}
			return m.GetAttr(k.AsString()), nil
		}
		if !m.HasIndex(k).True() {
			return cty.NilVal, fmt.Errorf("lookup: key %q not found", k.AsString())
		}
		return m.Index(k), nil
	},
})

// indexFunc is Terraform's index(list, value): the position of the first
// element equal to value (cty's stdlib index is element lookup instead).
var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		list, value := args[0], args[1]
		ty := list.Type()
		if !(ty.IsListType() || ty.IsTupleType()) {
			return cty.UnknownVal(cty.Number), fmt.Errorf("argument must be a list or tuple")
		}
		if !list.IsWhollyKnown() || !value.IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		for it := list.ElementIterator(); it.Next(); {
			i, e := it.Element()
			if eq := e.Equals(value); eq.IsKnown() && eq.True() {
				return i, nil
			}
		}
		return cty.UnknownVal(cty.Number), fmt.Errorf("item not found")
	},
})
