package blueprint

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// tfFiles reads the Terraform files of dir (not of its subdirectories), by
// file name, in name order.
func tfFiles(fsys fs.FS, dir string) ([]string, map[string][]byte, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		if files[e.Name()], err = fs.ReadFile(fsys, path.Join(dir, e.Name())); err != nil {
			return nil, nil, err
		}
		names = append(names, e.Name())
	}
	return names, files, nil
}

// interfaceOf reads the variables and outputs of the module in dir.
func interfaceOf(fsys fs.FS, dir string) ([]Input, []Output, error) {
	names, files, err := tfFiles(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	var ins []Input
	var outs []Output
	for _, n := range names {
		name, src := path.Join(dir, n), files[n]
		f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, nil, fmt.Errorf("%w", diags)
		}
		for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
			switch {
			case blk.Type == "variable" && len(blk.Labels) == 1:
				ins = append(ins, input(src, blk))
			case blk.Type == "output" && len(blk.Labels) == 1:
				outs = append(outs, Output{Name: blk.Labels[0], Description: description(blk.Body)})
			}
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].Required && !ins[j].Required })
	return ins, outs, nil
}

func input(src []byte, blk *hclsyntax.Block) Input {
	in := Input{Name: blk.Labels[0], Description: description(blk.Body), Required: true}
	if a, ok := blk.Body.Attributes["type"]; ok {
		in.Type = text(src, a.Expr.Range())
	}
	if a, ok := blk.Body.Attributes["default"]; ok {
		in.Required = false
		in.Default = strings.Join(strings.Fields(text(src, a.Expr.Range())), " ")
	}
	for _, b := range blk.Body.Blocks {
		if b.Type == "validation" {
			in.Validated = true
		}
	}
	return in
}

func description(body *hclsyntax.Body) string {
	a, ok := body.Attributes["description"]
	if !ok {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return ""
	}
	return v.AsString()
}

func text(src []byte, r hcl.Range) string {
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return string(src[r.Start.Byte:r.End.Byte])
}
