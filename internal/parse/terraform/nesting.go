package terraform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// MaxNesting bounds how deeply brackets, braces, parentheses and template
// interpolations may nest in one file. Real configurations stay far below it;
// the HCL parser's time and memory grow faster than linearly with depth, so a
// file nested 10,000 deep is refused before it is parsed.
const MaxNesting = 512

// parseFile parses HCL native syntax or JSON (by file name), refusing
// files nested deeper than MaxNesting with an error at the line where the
// limit is passed.
func parseFile(name string, data []byte) (*hcl.File, hcl.Diagnostics) {
	json := strings.HasSuffix(name, ".json")
	if line, deep := tooDeep(data, MaxNesting, !json); deep {
		pos := hcl.Pos{Line: line, Column: 1}
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Nesting too deep",
			Detail:  fmt.Sprintf("brackets, braces or interpolations nest more than %d levels deep; the file is not read", MaxNesting),
			Subject: &hcl.Range{Filename: name, Start: pos, End: pos}}}
	}
	if json {
		return hcljson.Parse(data, name)
	}
	f, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	if f != nil {
		if b, ok := f.Body.(*hclsyntax.Body); ok {
			boundBody(b)
		}
	}
	return f, diags
}

// tooDeep scans src for nesting deeper than max and returns the line where
// it first is. Strings, heredocs and comments do not count, except the
// interpolations and directives (${ and %{) inside strings and heredocs,
// which the parser reads as expressions and may nest without bound. With
// native, HCL comments and heredocs are understood too; JSON has neither.
func tooDeep(src []byte, max int, native bool) (int, bool) {
	s := nestScan{src: src, max: max, native: native, line: 1}
	return s.run(0)
}

// tooDeepTemplate is tooDeep for a template file (templatefile()), which
// starts as the body of a string rather than as an expression.
func tooDeepTemplate(src []byte, max int) (int, bool) {
	s := nestScan{src: src, max: max, native: true, line: 1, stack: []byte{modeTemplate}}
	return s.run(0)
}

// The scanner's stack holds an opening bracket, or one of these modes, in
// which only interpolations nest.
const (
	modeString   = '"'
	modeHeredoc  = 'h'
	modeTemplate = 't' // a template file's body; never closed
)

type nestScan struct {
	src     []byte
	max     int
	native  bool
	line    int
	stack   []byte
	markers []string // the closing marker of each open heredoc
}

func (s *nestScan) run(i int) (int, bool) {
	for ; i < len(s.src); i++ {
		if s.src[i] == '\n' {
			s.line++
		}
		if n := len(s.stack); n > 0 && (s.stack[n-1] == modeString || s.stack[n-1] == modeHeredoc || s.stack[n-1] == modeTemplate) {
			i = s.inText(i, s.stack[n-1])
		} else {
			i = s.inExpr(i)
		}
		if len(s.stack) > s.max {
			return s.line, true
		}
	}
	return s.line, false
}

// inText reads src[i] in a string, heredoc or template body and returns the
// index of the last byte it consumed.
func (s *nestScan) inText(i int, mode byte) int {
	c, src := s.src[i], s.src
	switch {
	case mode == modeString && c == '\\':
		return i + 1
	case mode == modeString && c == '"':
		s.stack = s.stack[:len(s.stack)-1]
	case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c:
		return i + 1 // $${ and %%{ are literal
	case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
		s.stack = append(s.stack, '{')
		return i + 1
	case mode == modeHeredoc && c == '\n':
		next := skipLine(src, i+1)
		if strings.TrimSpace(string(src[i+1:next])) == s.markers[len(s.markers)-1] {
			s.stack, s.markers = s.stack[:len(s.stack)-1], s.markers[:len(s.markers)-1]
			return next - 1
		}
	}
	return i
}

// inExpr reads src[i] in an expression and returns the index of the last
// byte it consumed.
func (s *nestScan) inExpr(i int) int {
	c, src := s.src[i], s.src
	switch {
	case c == '"':
		s.stack = append(s.stack, modeString)
	case c == '(' || c == '[' || c == '{':
		s.stack = append(s.stack, c)
	case c == ')' || c == ']' || c == '}':
		if len(s.stack) > 0 && s.stack[len(s.stack)-1] != modeTemplate {
			s.stack = s.stack[:len(s.stack)-1]
		}
	case s.native && (c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/')):
		return skipLine(src, i) - 1 // the newline is counted by run
	case s.native && c == '/' && i+1 < len(src) && src[i+1] == '*':
		end := bytes.Index(src[i+2:], []byte("*/"))
		if end < 0 {
			return len(src)
		}
		s.line += bytes.Count(src[i:i+2+end], []byte{'\n'})
		return i + end + 3
	case s.native && c == '<' && i+1 < len(src) && src[i+1] == '<':
		start := i + 2
		if start < len(src) && src[start] == '-' {
			start++
		}
		end := skipLine(src, start)
		marker := strings.TrimSpace(string(src[start:end]))
		if marker == "" {
			return i + 1 // not a heredoc; the parser will say so
		}
		s.stack, s.markers = append(s.stack, modeHeredoc), append(s.markers, marker)
		return end - 1 // the newline ending the opening line starts the body
	}
	return i
}

// skipLine returns the index of the newline ending the line at i (or the end).
func skipLine(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}
