package blueprint

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Init writes a root module that uses blueprint b into dir: the
// blueprint's example, ready to edit, with each module call's source set to
// source (a path or a git URL such as
// git::https://example.com/mlguard.git//blueprints/aws/secure-notebook?ref=v1.0.0).
// With source empty, the blueprint's own module is written too, under
// dir/modules/NAME, and the calls point there. It writes no file that
// exists already and returns the files it wrote.
func Init(fsys fs.FS, b *Blueprint, dir, source string) ([]string, error) {
	files := map[string][]byte{}
	if source == "" {
		local := path.Join("modules", path.Base(b.Name))
		source = "./" + local
		_, module, err := tfFiles(fsys, b.Name)
		if err != nil {
			return nil, err
		}
		for name, data := range module {
			files[path.Join(local, name)] = data
		}
	}
	_, example, err := tfFiles(fsys, path.Join(b.Name, "example"))
	if err != nil {
		return nil, err
	}
	for name, data := range example {
		if files[name], err = setModuleSource(data, name, source); err != nil {
			return nil, err
		}
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s exists already: init writes only new files", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	var written []string
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s exists already: init writes only new files", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	for _, name := range names {
		data := files[name]
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

// setModuleSource points every module call of a file at source.
func setModuleSource(src []byte, name, source string) ([]byte, error) {
	f, diags := hclwrite.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%w", diags)
	}
	for _, blk := range f.Body().Blocks() {
		if blk.Type() == "module" {
			blk.Body().SetAttributeValue("source", cty.StringVal(source))
		}
	}
	return f.Bytes(), nil
}

// setModuleInput sets an input of every module call of a Terraform file to
// an HCL expression.
func setModuleInput(src []byte, name, expr string) ([]byte, error) {
	f, diags := hclwrite.ParseConfig(src, "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%w", diags)
	}
	e, diags := hclwrite.ParseConfig([]byte("x = "+expr+"\n"), "expr", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %w", expr, diags)
	}
	tokens := e.Body().GetAttribute("x").Expr().BuildTokens(nil)
	found := false
	for _, blk := range f.Body().Blocks() {
		if blk.Type() == "module" {
			blk.Body().SetAttributeRaw(name, tokens)
			found = true
		}
	}
	if !found {
		return nil, fmt.Errorf("no module call to set %s in", name)
	}
	return f.Bytes(), nil
}
