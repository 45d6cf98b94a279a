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
	return hclsyntax.ParseConfig(data, name, hcl.InitialPos)
}

// tooDeep scans src for nesting deeper than max and returns the line where
// it first is. Strings and comments do not count, except interpolations
// (${ and %{) inside strings, which the parser reads as expressions. With
// native, HCL comments and heredocs are understood too; JSON has neither.
func tooDeep(src []byte, max int, native bool) (int, bool) {
	var stack []byte // '"' for a string, else the opening bracket
	line := 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line++
		}
		if n := len(stack); n > 0 && stack[n-1] == '"' {
			switch {
			case c == '\\':
				i++
			case c == '"':
				stack = stack[:n-1]
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				stack = append(stack, '{')
				i++
			}
			if len(stack) > max {
				return line, true
			}
			continue
		}
		switch {
		case c == '"':
			stack = append(stack, '"')
		case c == '(' || c == '[' || c == '{':
			stack = append(stack, c)
			if len(stack) > max {
				return line, true
			}
		case c == ')' || c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case native && (c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/')):
			i = skipLine(src, i)
			line++
		case native && c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return line, false
			}
			line += bytes.Count(src[i:i+2+end], []byte{'\n'})
			i += end + 3
		case native && c == '<' && i+1 < len(src) && src[i+1] == '<':
			var lines int
			i, lines = skipHeredoc(src, i)
			line += lines
		}
	}
	return line, false
}

// skipLine returns the index of the newline ending the line at i (or the end).
func skipLine(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// skipHeredoc skips a heredoc starting at src[i] ("<<EOT" or "<<-EOT") to
// the end of its closing marker line, and says how many newlines it passed.
func skipHeredoc(src []byte, i int) (int, int) {
	start := i + 2
	if start < len(src) && src[start] == '-' {
		start++
	}
	end := skipLine(src, start)
	marker := strings.TrimSpace(string(src[start:end]))
	if marker == "" {
		return i + 1, 0 // not a heredoc; the parser will say so
	}
	lines := 0
	for pos := end; pos < len(src); {
		lines++
		next := skipLine(src, pos+1)
		if strings.TrimSpace(string(src[pos+1:next])) == marker {
			return next - 1, lines
		}
		pos = next
	}
	return len(src), lines
}
