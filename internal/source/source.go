// Package source finds the files a scan reads, tells their format apart, reads
// them within limits, and names places in them.
//
// Everything is read through fs.FS so that tests use in-memory trees and so that
// a scan rooted at a directory cannot be led outside it by symbolic links (the
// CLI hands in an os.Root filesystem, which refuses such links).
package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"unicode/utf8"
)

// Range is a span of lines in one file. Lines count from 1; a zero StartLine
// means the position is unknown (the whole file).
type Range struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// String renders the range as file:start or file:start-end.
func (r Range) String() string {
	switch {
	case r.StartLine == 0:
		return r.File
	case r.EndLine > r.StartLine:
		return fmt.Sprintf("%s:%d-%d", r.File, r.StartLine, r.EndLine)
	default:
		return fmt.Sprintf("%s:%d", r.File, r.StartLine)
	}
}

// Format is the kind of document a file holds.
type Format string

// The formats mlguard reads.
const (
	FormatUnknown       Format = ""
	FormatTerraform     Format = "terraform"      // .tf and .tf.json
	FormatTerraformVars Format = "terraform-vars" // .tfvars and .tfvars.json
	FormatTerraformPlan Format = "terraform-plan" // terraform show -json output
	// FormatTerraformState is deployed state: terraform show -json of a
	// state, or a raw terraform.tfstate (version 4).
	FormatTerraformState Format = "terraform-state"
	FormatCloudFormation Format = "cloudformation" // CloudFormation templates, YAML or JSON
	FormatIAMPolicy      Format = "iam-policy"     // IAM policy documents kept as .json files
	FormatKubernetes     Format = "kubernetes"     // Kubernetes manifests, YAML or JSON
	FormatARM            Format = "arm"            // Azure Resource Manager JSON templates
	// FormatHelmChart is a chart's Chart.yaml: the chart around it is
	// rendered and its output read.
	FormatHelmChart Format = "helm-chart"
	// FormatBicep is a Bicep file; FormatBicepParams a .bicepparam file
	// that gives values to one.
	FormatBicep       Format = "bicep"
	FormatBicepParams Format = "bicepparam"
	// FormatKustomization is a kustomization file: the directory is built
	// and its output read.
	FormatKustomization Format = "kustomization"
	// FormatDockerfile is a Dockerfile or Containerfile.
	FormatDockerfile Format = "dockerfile"
)

// KustomizationNames are the file names Kustomize reads in a directory.
var KustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// Limits bound what one scan reads, so that hostile input cannot exhaust memory.
type Limits struct {
	MaxFileBytes int64 // larger files are reported and not read
	MaxFiles     int   // more files than this are reported and not read
	MaxDepth     int   // directory depth below the root
}

// DefaultLimits are generous for real repositories and still bounded.
var DefaultLimits = Limits{MaxFileBytes: 32 << 20, MaxFiles: 200_000, MaxDepth: 64}

// Severity of a diagnostic.
type Severity string

// Diagnostic severities: an error means some input could not be read or
// evaluated (exit code 2); a warning means it was read with a caveat.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Diagnostic is a problem with the input, tied to a place in it.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Range    Range    `json:"range"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
}

// Message is the summary and, when there is one, the detail.
func (d Diagnostic) Message() string {
	if d.Detail == "" {
		return d.Summary
	}
	return d.Summary + ": " + d.Detail
}

// Error renders the diagnostic as file:line: summary: detail.
func (d Diagnostic) Error() string { return d.Range.String() + ": " + d.Message() }

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SevError {
			return true
		}
	}
	return false
}

// Errorf appends an error diagnostic.
func (ds *Diagnostics) Errorf(r Range, summary, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: SevError, Range: r, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning diagnostic.
func (ds *Diagnostics) Warnf(r Range, summary, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: SevWarning, Range: r, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// File is one discovered file.
type File struct {
	Path   string // slash path inside the scanned filesystem
	Format Format
	Size   int64
}

// Tree is what discovery found below one root.
type Tree struct {
	FS          fs.FS
	Files       []File // sorted by path
	Diagnostics Diagnostics
}

// Dirs returns the directories that hold Terraform files, sorted.
func (t *Tree) Dirs() []string {
	seen := map[string]bool{}
	var dirs []string
	for _, f := range t.Files {
		if f.Format != FormatTerraform {
			continue
		}
		d := path.Dir(f.Path)
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	return dirs
}

// skipDirs are never descended into: VCS metadata and Terraform's download cache
// (modules there are loaded through modules.json when a configuration calls them).
var skipDirs = map[string]bool{".git": true, ".terraform": true, ".hg": true, ".svn": true, "node_modules": true}

// Discover walks fsys from root and classifies the files it finds. Files of no
// interest are not listed; files that cannot be examined become diagnostics.
func Discover(ctx context.Context, fsys fs.FS, root string, lim Limits) (*Tree, error) {
	t := &Tree{FS: fsys}
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", root, err)
	}
	if !info.IsDir() {
		t.addNamed(root, info.Size(), lim)
		return t, nil
	}
	rootDepth := strings.Count(path.Clean(root), "/")
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			t.Diagnostics.Errorf(Range{File: p}, "cannot read", "%v", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && (skipDirs[d.Name()] || strings.Count(p, "/")-rootDepth > lim.MaxDepth) {
				if !skipDirs[d.Name()] {
					t.Diagnostics.Errorf(Range{File: p}, "directory too deep", "more than %d levels below the scan root", lim.MaxDepth)
				}
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return t.addLink(ctx, p, lim)
		}
		if !d.Type().IsRegular() {
			t.special(p, d.Type())
			return nil
		}
		if !candidate(p) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			t.Diagnostics.Errorf(Range{File: p}, "cannot read", "%v", err)
			return nil
		}
		t.add(ctx, p, fi.Size(), lim)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	return t, nil
}

// special reports a named pipe, socket or device in the tree: never read
// (it could block the scan forever), never skipped in silence. One with a
// name mlguard reads is an error; others are warnings.
func (t *Tree) special(p string, m fs.FileMode) {
	if candidate(p) {
		t.Diagnostics.Errorf(Range{File: p}, "special file not read", "%s, not a regular file", FileKind(m))
		return
	}
	t.Diagnostics.Warnf(Range{File: p}, "special file not read", "%s, not a regular file", FileKind(m))
}

// addLink follows a symbolic link to a file only when the filesystem lets it
// (an os.Root refuses links that leave the root); links to directories are not
// followed, which also rules out link loops.
//
// Every link that is not read is reported, so nothing is skipped silently:
// a link that cannot be resolved inside the root (a loop, a target outside
// it, a dangling link) is an error when its name is one mlguard reads and a
// warning otherwise, as it may hide a directory of configuration.
func (t *Tree) addLink(ctx context.Context, p string, lim Limits) error {
	fi, err := fs.Stat(t.FS, p)
	switch {
	case err != nil && candidate(p):
		t.Diagnostics.Errorf(Range{File: p}, "symbolic link not followed", "%v", err)
	case err != nil:
		t.Diagnostics.Warnf(Range{File: p}, "symbolic link not followed", "%v", err)
	case fi.IsDir():
		t.Diagnostics.Warnf(Range{File: p}, "symbolic link not followed", "links to directories are not followed")
	case !fi.Mode().IsRegular():
		t.special(p, fi.Mode())
	case candidate(p):
		t.add(ctx, p, fi.Size(), lim)
	}
	return nil
}

func (t *Tree) add(ctx context.Context, p string, size int64, lim Limits) {
	format := Detect(p)
	if format == FormatUnknown && sniffable(p) {
		format = t.sniff(p)
	}
	if format != FormatUnknown {
		t.addFormat(p, format, size, lim)
	}
}

func (t *Tree) addFormat(p string, format Format, size int64, lim Limits) {
	if len(t.Files) >= lim.MaxFiles {
		t.Diagnostics.Errorf(Range{File: p}, "too many files", "the scan reads at most %d files", lim.MaxFiles)
		return
	}
	t.Files = append(t.Files, File{Path: p, Format: format, Size: size})
}

// addNamed adds a file the user named: its content is looked at whatever
// its name, and a file that holds nothing mlguard reads is an error, not a
// scan that passes because it read nothing.
func (t *Tree) addNamed(p string, size int64, lim Limits) {
	format := Detect(p)
	if format == FormatUnknown {
		format = t.sniff(p)
	}
	if format == FormatUnknown {
		detail := "it is not Terraform (.tf, .tf.json), a Terraform plan or state (terraform show -json, .tfstate), a CloudFormation or ARM template, " +
			"a Bicep file, a Kubernetes manifest, a Helm Chart.yaml, a kustomization, a Dockerfile or an IAM policy document"
		if t.policyVersion(p) {
			detail = "it has an IAM policy Version but no Statement member (is the key misspelt?), so it is not read as a policy"
		}
		t.Diagnostics.Errorf(Range{File: p}, "Not a file mlguard reads", "%s", detail)
		return
	}
	t.addFormat(p, format, size, lim)
}

// policyVersion reports whether a file names an IAM policy language version,
// as a policy whose Statement key is misspelt still does.
func (t *Tree) policyVersion(p string) bool {
	data, err := ReadFile(t.FS, p, 16<<10)
	if err != nil {
		return false
	}
	return bytes.Contains(data, []byte(`"2012-10-17"`)) || bytes.Contains(data, []byte(`"2008-10-17"`))
}

// candidate reports whether a file may hold something mlguard reads: a known
// name, or JSON or YAML whose content tells (a plan, a template).
func candidate(p string) bool {
	return Detect(p) != FormatUnknown || sniffable(p)
}

// sniffable reports whether a file's format is told by its content.
func sniffable(p string) bool {
	switch path.Ext(p) {
	case ".json", ".yaml", ".yml", ".template":
		return true
	}
	return false
}

// Detect tells a file's format from its name. JSON files other than
// .tf.json/.tfvars.json need their content looked at (see sniffJSON).
func Detect(p string) Format {
	base := path.Base(p)
	switch {
	case strings.HasSuffix(base, ".tf"), strings.HasSuffix(base, ".tf.json"):
		return FormatTerraform
	case strings.HasSuffix(base, ".tfvars"), strings.HasSuffix(base, ".tfvars.json"):
		return FormatTerraformVars
	case strings.HasSuffix(base, ".tfstate"):
		return FormatTerraformState
	case strings.HasSuffix(base, ".bicep"):
		return FormatBicep
	case strings.HasSuffix(base, ".bicepparam"):
		return FormatBicepParams
	case base == "Chart.yaml":
		return FormatHelmChart
	case slices.Contains(KustomizationNames, base):
		return FormatKustomization
	case dockerfileName(base):
		return FormatDockerfile
	}
	return FormatUnknown
}

// dockerfileName reports the names Dockerfiles go by: Dockerfile and
// Containerfile, and variants such as Dockerfile.gpu, Dockerfile_amd,
// Dockerfile-cuda and train.Dockerfile. Files beside them that are not
// Dockerfiles (Dockerfile.dockerignore, Dockerfile-lint.yaml) are not.
func dockerfileName(base string) bool {
	lower := strings.ToLower(base)
	switch path.Ext(lower) {
	case ".dockerignore", ".yaml", ".yml", ".json", ".md", ".txt", ".sh", ".py",
		".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".in", ".erb", ".mustache": // templates of Dockerfiles
		return false
	}
	for _, n := range []string{"dockerfile", "containerfile"} {
		if lower == n || strings.HasSuffix(lower, "."+n) {
			return true
		}
		if rest, ok := strings.CutPrefix(lower, n); ok && strings.ContainsAny(rest[:1], "._-") {
			return true
		}
	}
	return false
}

// sniff looks at the head of a JSON or YAML file for what only a Terraform
// plan or a CloudFormation template carries, so that unrelated files
// (package.json, CI configs, Helm values) are left alone.
func (t *Tree) sniff(p string) Format {
	f, err := t.FS.Open(p)
	if err != nil {
		return FormatUnknown
	}
	defer f.Close()
	head := make([]byte, 16<<10)
	n, _ := io.ReadFull(f, head)
	return SniffContent(head[:n])
}

// SniffContent tells a plan, a template or a policy document from the first
// bytes of a file.
// A template declares its format version, or has Resources typed AWS::.
func SniffContent(head []byte) Format {
	has := func(s string) bool { return bytes.Contains(head, []byte(s)) }
	switch {
	case has(`"format_version"`) && !has(`"planned_values"`) && !has(`"resource_changes"`) && has(`"values"`) && has(`"root_module"`):
		return FormatTerraformState
	case has(`"format_version"`) && (has(`"planned_values"`) || has(`"terraform_version"`)):
		return FormatTerraformPlan
	case has("AWSTemplateFormatVersion"),
		has("Resources") && (has("Type: AWS::") || has("Type: 'AWS::") || has(`Type: "AWS::`) || has(`"Type": "AWS::`) || has(`"Type":"AWS::`)):
		return FormatCloudFormation
	case has(`"$schema"`) && (has("deploymentTemplate.json") || has("DeploymentTemplate.json")):
		// Resource group templates, and subscription, management group
		// and tenant ones (subscriptionDeploymentTemplate.json, ...).
		return FormatARM
	case policyJSON(head):
		return FormatIAMPolicy
	case kubernetesManifest(head):
		return FormatKubernetes
	}
	return FormatUnknown
}

// policyJSON reports a JSON object with a top-level Statement member, an
// IAM policy document (plans and templates, which embed policies, are told
// first; audit logs that quote policies deeper are not policies).
func policyJSON(head []byte) bool {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' || !bytes.Contains(head, []byte(`"Statement"`)) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if _, err := dec.Token(); err != nil {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		if key == "Statement" {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// ErrTooLarge is returned by ReadFile for files over the size limit.
var ErrTooLarge = errors.New("file too large")

// ErrNotRegular is returned for a named pipe, socket or device where a file
// is expected.
var ErrNotRegular = errors.New("not a regular file")

// CheckRegular returns the information of p, or an error when p is not a
// regular file, without opening it: opening a named pipe waits for a writer
// that may never come, and reading a device may never end. Symbolic links
// are followed as the filesystem follows them.
func CheckRegular(fsys fs.FS, p string) (fs.FileInfo, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: p, Err: fmt.Errorf("%w: %s", ErrNotRegular, FileKind(info.Mode()))}
	}
	return info, nil
}

// NonBlockingOpener is a filesystem that opens files with flags (os.Root
// does): ReadFile opens through it without blocking on a named pipe and
// checks the open file, one lookup instead of two.
type NonBlockingOpener interface {
	OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error)
}

// openRegular opens p if it is a regular file, never blocking on one that
// is not.
func openRegular(fsys fs.FS, p string) (fs.File, fs.FileInfo, error) {
	if o, ok := fsys.(NonBlockingOpener); ok && fs.ValidPath(p) {
		f, err := o.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			return nil, nil, err
		}
		info, err := f.Stat()
		if err == nil && !info.Mode().IsRegular() {
			err = &fs.PathError{Op: "read", Path: p, Err: fmt.Errorf("%w: %s", ErrNotRegular, FileKind(info.Mode()))}
		}
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		return f, info, nil
	}
	info, err := CheckRegular(fsys, p)
	if err != nil {
		return nil, nil, err
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, nil, err
	}
	return f, info, nil
}

// FileKind names the kind of a file in words: "a named pipe".
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file (" + m.Type().String() + ")"
}

// ReadPath is ReadFile for a path of the operating system, as named on the
// command line.
func ReadPath(name string, max int64) ([]byte, error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	data, err := ReadFile(os.DirFS(dir), base, max)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name
	}
	return data, err
}

// ErrBinary is returned by ReadFile for files that are not text.
var ErrBinary = errors.New("not a text file")

// ReadFile reads a whole file, refusing files over max bytes, files with NUL
// bytes and files that are not valid UTF-8.
func ReadFile(fsys fs.FS, p string, max int64) ([]byte, error) {
	data, err := ReadBytes(fsys, p, max)
	if err != nil {
		return nil, err
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := bytes.Count(data[:i], []byte{'\n'}) + 1
		return nil, &ReadError{Err: fmt.Errorf("%w: NUL byte at line %d", ErrBinary, line), Line: line}
	}
	if !utf8.Valid(data) {
		line := firstInvalidLine(data)
		return nil, &ReadError{Err: fmt.Errorf("%w: invalid UTF-8 at line %d", ErrBinary, line), Line: line}
	}
	return data, nil
}

// ReadBytes reads a whole file that need not be text (a chart's logo, a
// packaged dependency), refusing files over max bytes.
func ReadBytes(fsys fs.FS, p string, max int64) ([]byte, error) {
	f, info, err := openRegular(fsys, p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A regular file's size is known before reading: a 200 MB file costs a
	// stat, not 32 MB of memory. The read is bounded too, in case it grows.
	if info.Size() > max {
		return nil, &ReadError{Err: fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, info.Size(), max), Line: 1}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &ReadError{Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max), Line: 1}
	}
	return data, nil
}

// ReadError is a file ReadFile refused, with the line that made it refuse
// (1 for a file too large).
type ReadError struct {
	Err  error
	Line int
}

func (e *ReadError) Error() string { return e.Err.Error() }

// Unwrap gives ErrTooLarge or ErrBinary.
func (e *ReadError) Unwrap() error { return e.Err }

// ReadRange is where to report a failure to read file p: the line a
// ReadError names, else the whole file.
func ReadRange(p string, err error) Range {
	var re *ReadError
	if errors.As(err, &re) {
		return Range{File: p, StartLine: re.Line, EndLine: re.Line}
	}
	return Range{File: p}
}

func firstInvalidLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line
}

// LineOf returns the 1-based line of byte offset off in data.
func LineOf(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// kubernetesManifest reports a document with apiVersion and kind at its top
// level: a Kubernetes object, or a stream or List of them.
func kubernetesManifest(head []byte) bool {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return bytes.Contains(head, []byte(`"apiVersion"`)) && bytes.Contains(head, []byte(`"kind"`))
	}
	return topLevelKey(head, "apiVersion:") && topLevelKey(head, "kind:")
}

func topLevelKey(head []byte, key string) bool {
	for line := range bytes.Lines(head) {
		if bytes.HasPrefix(line, []byte(key)) {
			return true
		}
	}
	return false
}
