package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/source"
)

// StdinName is how reports name what was read from standard input ("-").
const StdinName = "<stdin>"

// maxStdinBytes bounds what "-" reads, as the scan bounds a file.
const maxStdinBytes = 32 << 20

// input is one path argument, opened for reading.
type input struct {
	fsys   fs.FS
	root   string // "." for a directory, the file name for a file
	prefix string // what users see in front of paths inside fsys
	// dir is the absolute directory fsys is rooted at ("" for stdin);
	// repo is the git work tree holding it, "" when there is none.
	dir, repo string
	close     func() error
}

// anchor is the path from the repository root (or, outside a repository,
// from the scanned directory) to the directory fsys is rooted at. Finding
// fingerprints join it to file paths, so they are the same however the tree
// was named on the command line.
func (in input) anchor() string {
	if in.repo == "" || in.dir == "" {
		return ""
	}
	rel, err := filepath.Rel(in.repo, in.dir)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// openInputs opens every argument: a directory, a file, or "-" for standard
// input. Paths may end in a slash or hold "." and ".."; an argument inside
// another one (scan dir dir/main.tf) is read once.
func openInputs(args []string, stdin io.Reader) ([]input, error) {
	var ins []input
	closeAll := func() { closeInputs(ins) }
	stdinSeen := false
	for _, a := range args {
		if a == "-" {
			if stdinSeen {
				closeAll()
				return nil, usageError("- (standard input) is given twice")
			}
			stdinSeen = true
			in, err := readStdin(stdin)
			if err != nil {
				closeAll()
				return nil, err
			}
			ins = append(ins, in)
			continue
		}
		in, err := openPath(a)
		if err != nil {
			closeAll()
			return nil, err
		}
		ins = append(ins, in)
	}
	return dedupe(ins), nil
}

func closeInputs(ins []input) {
	for _, in := range ins {
		in.close()
	}
}

// openPath opens a file or directory argument.
func openPath(arg string) (input, error) {
	abs, err := filepath.Abs(arg)
	if err != nil {
		return input{}, usageError("%s: %v", arg, err)
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return input{}, usageError("%s: no such file or directory", arg)
	case err != nil:
		return input{}, usageError("%s: %v", arg, source.PlainError(err))
	case !info.IsDir() && !info.Mode().IsRegular():
		return input{}, usageError("%s: %s, not a regular file or a directory", arg, source.FileKind(info.Mode()))
	}
	dir, root, shown := abs, ".", filepath.Clean(arg)
	if !info.IsDir() {
		dir, root, shown = filepath.Dir(abs), filepath.Base(abs), filepath.Dir(filepath.Clean(arg))
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return input{}, usageError("%s: %v", arg, source.PlainError(err))
	}
	in := input{root: root, dir: dir, repo: gitRoot(dir), close: r.Close}
	if shown = filepath.ToSlash(shown); shown != "." {
		in.prefix = shown
	}
	bound := in.repo
	if bound == "" {
		bound = dir
	}
	in.fsys = linkFS{root: r, fsys: r.FS(), dir: dir, bound: bound}
	return in, nil
}

// readStdin reads standard input into a one-file filesystem.
func readStdin(stdin io.Reader) (input, error) {
	data, err := io.ReadAll(io.LimitReader(stdin, maxStdinBytes+1))
	if err != nil {
		return input{}, usageError("-: cannot read standard input: %v", err)
	}
	if len(data) > maxStdinBytes {
		return input{}, usageError("-: standard input holds more than %d bytes", maxStdinBytes)
	}
	return input{fsys: oneFile{name: StdinName, data: data}, root: StdinName, close: func() error { return nil }}, nil
}

// dedupe drops an argument that another directory argument contains, or
// that was given before, keeping the order of the rest.
func dedupe(ins []input) []input {
	path := func(in input) string { return filepath.Join(in.dir, in.root) }
	isDir := func(in input) bool { return in.dir != "" && in.root == "." }
	var out []input
	for i, in := range ins {
		covered := false
		for j, other := range ins {
			if i == j || in.dir == "" || other.dir == "" {
				continue
			}
			same := path(in) == path(other)
			if same && j < i || !same && isDir(other) && within(path(other), path(in)) {
				covered = true
				break
			}
		}
		if covered {
			in.close()
			continue
		}
		out = append(out, in)
	}
	return out
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// gitRoot is the nearest directory at or above dir that holds .git, or "".
func gitRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// linkFS is a directory opened with os.Root, which keeps reads inside it,
// and which also follows a symbolic link to a file elsewhere in the same
// repository (a Terraform monorepo's shared providers.tf), as Terraform
// does. Links that leave the repository (or, outside one, the directory),
// and links to anything but regular files, are refused.
type linkFS struct {
	root  *os.Root
	fsys  fs.FS
	dir   string
	bound string
}

// Open opens a file, following a link as described on linkFS. The root is
// asked first (it follows links that stay inside it); only what it refuses
// is looked at as a link, so an ordinary file costs one lookup.
func (l linkFS) Open(name string) (fs.File, error) {
	f, err := l.fsys.Open(name)
	if err == nil {
		return f, nil
	}
	target, isLink, lerr := l.link(name)
	switch {
	case lerr != nil:
		return nil, lerr
	case isLink:
		return os.Open(target)
	}
	return nil, err
}

// OpenFile opens a file with flags (source.ReadFile opens without
// blocking), following a link as Open does.
func (l linkFS) OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	f, err := l.root.OpenFile(name, flag, perm)
	if err == nil {
		return f, nil
	}
	target, isLink, lerr := l.link(name)
	switch {
	case lerr != nil:
		return nil, lerr
	case isLink:
		return os.OpenFile(target, flag, perm)
	}
	return nil, err
}

// Stat describes a file, following a link as Open does.
func (l linkFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(l.fsys, name)
	if err == nil {
		return fi, nil
	}
	target, isLink, lerr := l.link(name)
	switch {
	case lerr != nil:
		return nil, lerr
	case isLink:
		return os.Stat(target)
	}
	return nil, err
}

// ReadDir lists a directory of the tree.
func (l linkFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.fsys, name) }

// link resolves name when it is a symbolic link.
func (l linkFS) link(name string) (string, bool, error) {
	if !fs.ValidPath(name) {
		return "", false, nil // the inner filesystem refuses it
	}
	fi, err := l.root.Lstat(name)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return "", false, nil
	}
	fail := func(format string, args ...any) (string, bool, error) {
		return "", true, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf(format, args...)}
	}
	target, err := filepath.EvalSymlinks(filepath.Join(l.dir, filepath.FromSlash(name)))
	if err != nil {
		return fail("a symbolic link that cannot be followed: %v", source.PlainError(err))
	}
	if !within(l.bound, target) {
		return fail("a symbolic link to %s, outside %s; links are followed within the repository (or the scanned directory)", target, l.bound)
	}
	info, err := os.Stat(target)
	if err != nil {
		return fail("%v", source.PlainError(err))
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return fail("a symbolic link to %s, which is not a regular file", target)
	}
	return target, true, nil
}

// oneFile is a filesystem holding a single file, standard input.
type oneFile struct {
	name string
	data []byte
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(o.data), name: name, size: int64(len(o.data))}, nil
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (m *memFile) Stat() (fs.FileInfo, error) { return memInfo{m.name, m.size}, nil }
func (m *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
