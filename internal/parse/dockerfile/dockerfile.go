// Package dockerfile reads Dockerfiles (and Containerfiles) with BuildKit's
// own parser, the one `docker build` uses, into typed instructions grouped
// by stage. An instruction that cannot be read is reported with its line and
// left out; the rest of the file is still read.
package dockerfile

import (
	"bytes"
	"errors"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/mlguard/mlguard/internal/source"
)

// Format is the format name Dockerfiles carry in reports.
const Format = "dockerfile"

// File is one Dockerfile, read.
type File struct {
	Path  string
	Lines int
	// EscapeToken is the escape character (# escape=` changes it), which
	// variable expansion follows.
	EscapeToken rune
	// MetaArgs are the ARGs before the first FROM, which FROM lines expand.
	MetaArgs []*instructions.ArgCommand
	Stages   []*instructions.Stage
}

// MaxLines bounds the Dockerfiles read: BuildKit keeps about 3 KB per
// instruction, so a file of millions of one-word lines would take gigabytes.
// Real Dockerfiles have hundreds of lines at most.
const MaxLines = 20_000

// Parse reads one Dockerfile. It returns nil when the file cannot be read at
// all (a line over BuildKit's 64 KiB limit, a bad directive, over MaxLines
// lines).
func Parse(path string, data []byte) (*File, source.Diagnostics) {
	var diags source.Diagnostics
	n := bytes.Count(data, []byte("\n"))
	if n > MaxLines {
		diags.Errorf(source.Range{File: path, StartLine: MaxLines + 1, EndLine: MaxLines + 1}, "Dockerfile not read",
			"it has %d lines, over the %d this reader takes", n, MaxLines)
		return nil, diags
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		diags.Errorf(errRange(path, err, 1), "Dockerfile not read", "%v", cause(err))
		return nil, diags
	}
	f := &File{Path: path, Lines: n + 1, EscapeToken: res.EscapeToken}
	var bad source.Diagnostics
	for _, n := range res.AST.Children {
		f.add(n, &bad)
	}
	diags = append(diags, limit(bad)...)
	if len(f.Stages) == 0 && len(res.AST.Children) > 0 {
		detail := "no stage starts in this file, so it builds no image and nothing in it is judged"
		if len(bad) > 0 {
			detail += "; is it a Dockerfile at all, despite its name?"
		}
		diags.Errorf(source.Range{File: path, StartLine: 1, EndLine: 1}, "Dockerfile has no FROM", "%s", detail)
	}
	return f, diags
}

// add reads one instruction into the file: a FROM starts a stage, an ARG
// before the first FROM is a meta argument, anything else joins the
// current stage.
func (f *File) add(n *parser.Node, diags *source.Diagnostics) {
	at := source.Range{File: f.Path, StartLine: n.StartLine, EndLine: n.EndLine}
	v, err := instructions.ParseInstruction(n)
	if err != nil {
		diags.Errorf(at, "Dockerfile instruction not read", "%v; the instruction is not judged", cause(err))
		return
	}
	switch c := v.(type) {
	case *instructions.Stage:
		f.Stages = append(f.Stages, c)
	case *instructions.ArgCommand:
		if len(f.Stages) == 0 {
			f.MetaArgs = append(f.MetaArgs, c)
			return
		}
		f.current().AddCommand(c)
	case instructions.Command:
		if len(f.Stages) == 0 {
			diags.Errorf(at, "Dockerfile instruction before FROM", "only ARG may come before the first FROM; the instruction is not judged")
			return
		}
		f.current().AddCommand(c)
	}
}

// maxReported bounds the instruction errors reported one by one: a file
// that only shares a Dockerfile's name (a manifest called Dockerfile.eks)
// would otherwise give one error per line.
const maxReported = 3

// limit keeps the first maxReported instruction errors and sums up the rest.
func limit(bad source.Diagnostics) source.Diagnostics {
	if len(bad) <= maxReported {
		return bad
	}
	out := append(source.Diagnostics{}, bad[:maxReported]...)
	rest := bad[maxReported:]
	out.Errorf(rest[0].Range, "Dockerfile instructions not read",
		"%d more instructions from line %d on could not be read either and are not judged", len(rest), rest[0].Range.StartLine)
	return out
}

func (f *File) current() *instructions.Stage { return f.Stages[len(f.Stages)-1] }

// errRange is where a parse error points: its location when it has one.
func errRange(path string, err error, line int) source.Range {
	var loc *parser.LocationError
	if errors.As(err, &loc) && len(loc.Locations) > 0 && len(loc.Locations[0]) > 0 {
		rs := loc.Locations[0]
		if rs[0].Start.Line > 0 {
			return source.Range{File: path, StartLine: rs[0].Start.Line, EndLine: max(rs[0].Start.Line, rs[len(rs)-1].End.Line)}
		}
	}
	return source.Range{File: path, StartLine: line, EndLine: line}
}

// cause is an error's message without the location BuildKit wraps it in
// (the diagnostic carries the position).
func cause(err error) error {
	var loc *parser.LocationError
	if errors.As(err, &loc) {
		if inner := loc.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}
