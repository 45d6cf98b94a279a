package kustomize

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/mlguard/mlguard/internal/source"
)

// treeFS shows Kustomize the scanned tree, read only, as the absolute
// paths it expects (/dir/file for dir/file of the tree). Every read goes
// through source.ReadFile, so a file is bounded in size and only regular
// files are read (a named pipe cannot block the build); kustomization
// files are read through clean, which drops remote bases.
type treeFS struct {
	fsys     fs.FS
	maxBytes int64

	mu    sync.Mutex
	diags source.Diagnostics
	read  map[string][]byte // every file the build read, as it is in the tree
	vars  []types.Var       // the vars of every kustomization read
}

var errReadOnly = errors.New("the scanned tree is read only")

var _ filesys.FileSystem = (*treeFS)(nil)

// rel turns Kustomize's absolute path into a path of the tree.
func rel(p string) string {
	p = path.Clean(filepath.ToSlash(p))
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return "."
	}
	return p
}

func (t *treeFS) Create(string) (filesys.File, error) { return nil, errReadOnly }
func (t *treeFS) Mkdir(string) error                  { return errReadOnly }
func (t *treeFS) MkdirAll(string) error               { return errReadOnly }
func (t *treeFS) RemoveAll(string) error              { return errReadOnly }
func (t *treeFS) WriteFile(string, []byte) error      { return errReadOnly }

func (t *treeFS) Open(p string) (filesys.File, error) {
	data, err := t.ReadFile(p)
	if err != nil {
		return nil, err
	}
	fi, err := fs.Stat(t.fsys, rel(p))
	if err != nil {
		return nil, err
	}
	return &file{Reader: bytes.NewReader(data), fi: fi}, nil
}

func (t *treeFS) IsDir(p string) bool {
	fi, err := fs.Stat(t.fsys, rel(p))
	return err == nil && fi.IsDir()
}

func (t *treeFS) ReadDir(p string) ([]string, error) {
	es, err := fs.ReadDir(t.fsys, rel(p))
	if err != nil {
		return nil, err
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.Name()
	}
	return names, nil
}

func (t *treeFS) CleanedAbs(p string) (filesys.ConfirmedDir, string, error) {
	abs := "/" + strings.TrimPrefix(rel(p), ".")
	abs = path.Clean(abs)
	if t.IsDir(abs) {
		return filesys.ConfirmedDir(abs), "", nil
	}
	dir := path.Dir(abs)
	if !t.IsDir(dir) {
		return "", "", fmt.Errorf("%s: not a directory of the scanned tree", dir)
	}
	return filesys.ConfirmedDir(dir), path.Base(abs), nil
}

func (t *treeFS) Exists(p string) bool {
	_, err := fs.Stat(t.fsys, rel(p))
	return err == nil
}

func (t *treeFS) Glob(pattern string) ([]string, error) {
	ms, err := fs.Glob(t.fsys, rel(pattern))
	for i, m := range ms {
		ms[i] = "/" + m
	}
	return ms, err
}

func (t *treeFS) ReadFile(p string) ([]byte, error) {
	r := rel(p)
	data, err := source.ReadFile(t.fsys, r, t.maxBytes)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.read[r] = data
	t.mu.Unlock()
	if isKustomization(r) {
		data, err = t.clean(r, data)
	}
	return data, err
}

func (t *treeFS) Walk(p string, fn filepath.WalkFunc) error {
	return fs.WalkDir(t.fsys, rel(p), func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn("/"+q, nil, err)
		}
		fi, err := d.Info()
		return fn("/"+q, fi, err)
	})
}

func (t *treeFS) warn(r source.Range, summary, format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.diags.Warnf(r, summary, format, args...)
}

// file is an open file of the tree, read only.
type file struct {
	*bytes.Reader
	fi fs.FileInfo
}

func (f *file) Write([]byte) (int, error)  { return 0, errReadOnly }
func (f *file) Close() error               { return nil }
func (f *file) Stat() (os.FileInfo, error) { return f.fi, nil }
