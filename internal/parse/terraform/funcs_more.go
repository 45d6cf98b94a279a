package terraform

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"golang.org/x/text/encoding/ianaindex"
)

// The functions Terraform 1.11 has beyond the first table of funcs.go:
// hashes of strings and files, fileset, text encodings, YAML, and the
// collection and time functions. TestEveryTerraformFunction keeps the
// table complete against `terraform metadata functions -json`.

// addFileHashes adds filemd5, filesha1, filesha256, filesha512,
// filebase64sha256 and filebase64sha512, and base64sha256/base64sha512 of
// strings.
func addFileHashes(fns map[string]function.Function, read func(string) ([]byte, error)) {
	hashes := []struct {
		name string
		h    func() hash.Hash
		b64  bool
	}{
		{"md5", md5.New, false}, {"sha1", sha1.New, false}, {"sha256", sha256.New, false}, {"sha512", sha512.New, false},
		{"base64sha256", sha256.New, true}, {"base64sha512", sha512.New, true},
	}
	for _, h := range hashes {
		fns["file"+h.name] = hashFunc(h.h, h.b64, read)
		if h.b64 {
			fns[h.name] = hashFunc(h.h, true, nil)
		}
	}
}

// hashFunc hashes a file's content (read set) or a string (read nil), and
// writes the sum in hex or base64.
func hashFunc(newHash func() hash.Hash, b64 bool, read func(string) ([]byte, error)) function.Function {
	param := "str"
	if read != nil {
		param = "path"
	}
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: param, Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data := []byte(args[0].AsString())
			if read != nil {
				var err error
				if data, err = read(args[0].AsString()); err != nil {
					return cty.UnknownVal(cty.String), err
				}
			}
			h := newHash()
			h.Write(data)
			if b64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(h.Sum(nil))), nil
			}
			return cty.StringVal(hex.EncodeToString(h.Sum(nil))), nil
		},
	})
}

// fileSetFunc is fileset(path, pattern): the files (not directories) under
// path, relative to it, that match a doublestar pattern, as Terraform
// matches them. Paths outside the scanned tree give an empty set.
func fileSetFunc(fsys fs.FS, st *evalState) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			dir, err := fsPath(st.dir, args[0].AsString())
			if err != nil {
				return cty.SetValEmpty(cty.String), nil
			}
			sub, err := fs.Sub(fsys, dir)
			if err != nil {
				return cty.SetValEmpty(cty.String), nil
			}
			matches, err := doublestar.Glob(sub, path.Clean(args[1].AsString()))
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), fmt.Errorf("fileset: %w", err)
			}
			sort.Strings(matches)
			var out []cty.Value
			for _, m := range matches {
				if fi, err := fs.Stat(sub, m); err == nil && fi.Mode().IsRegular() {
					out = append(out, cty.StringVal(m))
				}
			}
			if len(out) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(out), nil
		},
	})
}

// addEncodings adds base64gzip, textencodebase64, textdecodebase64,
// yamldecode, yamlencode, rsadecrypt, matchkeys, transpose, timecmp,
// issensitive and ephemeralasnull.
func addEncodings(fns map[string]function.Function) {
	fns["base64gzip"] = base64GzipFunc
	fns["textencodebase64"] = textEncodeFunc
	fns["textdecodebase64"] = textDecodeFunc
	fns["yamldecode"] = yaml.YAMLDecodeFunc
	fns["yamlencode"] = yaml.YAMLEncodeFunc
	fns["rsadecrypt"] = crypto.RsaDecryptFunc
	fns["matchkeys"] = matchKeysFunc
	fns["transpose"] = transposeFunc
	fns["timecmp"] = timeCmpFunc
	// mlguard does not track sensitivity (sensitive() is the identity), so
	// whether a value is sensitive is not known.
	fns["issensitive"] = unknownFunc(cty.Bool)
	// No value mlguard evaluates is ephemeral, so none becomes null.
	fns["ephemeralasnull"] = identityFunc
}

var base64GzipFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		if _, err := w.Write([]byte(args[0].AsString())); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		// Flushed before closing, as Terraform does: the same bytes.
		if err := w.Flush(); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if err := w.Close(); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(b.Bytes())), nil
	},
})

var textEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := ianaindex.IANA.Encoding(args[1].AsString())
		if err != nil || enc == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("%q is not a supported IANA encoding name", args[1].AsString())
		}
		out, err := enc.NewEncoder().Bytes([]byte(args[0].AsString()))
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("the string cannot be encoded in %s: %w", args[1].AsString(), err)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(out)), nil
	},
})

var textDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "source", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := ianaindex.IANA.Encoding(args[1].AsString())
		if err != nil || enc == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("%q is not a supported IANA encoding name", args[1].AsString())
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("not base64: %w", err)
		}
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("not %s text: %w", args[1].AsString(), err)
		}
		return cty.StringVal(string(out)), nil
	},
})

// matchKeysFunc is matchkeys(values, keys, searchset): the values whose key
// at the same index is in searchset.
var matchKeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		values, keys, search := args[0], args[1], args[2]
		if values.LengthInt() != keys.LengthInt() {
			return cty.UnknownVal(ret), fmt.Errorf("values and keys must have the same length")
		}
		if !keys.IsWhollyKnown() || !search.IsWhollyKnown() {
			return cty.UnknownVal(ret), nil
		}
		var out []cty.Value
		for i, k := range keys.AsValueSlice() {
			for _, s := range search.AsValueSlice() {
				if eq := k.Equals(s); eq.IsKnown() && eq.True() {
					out = append(out, values.Index(cty.NumberIntVal(int64(i))))
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(ret.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// transposeFunc is transpose(map(list(string))): each string becomes a key
// listing the keys it appeared under.
var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(ret), nil
		}
		groups := map[string][]cty.Value{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, list := it.Element()
			for _, v := range list.AsValueSlice() {
				if v.IsNull() {
					return cty.UnknownVal(ret), fmt.Errorf("transpose: lists must not contain null values")
				}
				groups[v.AsString()] = append(groups[v.AsString()], k)
			}
		}
		if len(groups) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		out := map[string]cty.Value{}
		for k, vs := range groups {
			out[k] = cty.ListVal(vs)
		}
		return cty.MapVal(out), nil
	},
})

// timeCmpFunc is timecmp(a, b): -1, 0 or 1 as RFC 3339 time a is before,
// the same as or after b.
var timeCmpFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "timestamp_a", Type: cty.String}, {Name: "timestamp_b", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ts [2]time.Time
		for i, a := range args {
			t, err := time.Parse(time.RFC3339, a.AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), fmt.Errorf("%q is not an RFC 3339 timestamp", a.AsString())
			}
			ts[i] = t
		}
		return cty.NumberIntVal(int64(ts[0].Compare(ts[1]))), nil
	},
})
