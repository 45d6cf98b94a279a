package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

// DecodeError says what is wrong with a YAML (or JSON) settings file in the
// words of the file rather than of the decoder or of the Go types behind
// it: "line 3: expected a string, found a list", "unknown key
// disabled_rule", and for a file written in JSON, the JSON error with its
// line and column instead of YAML's.
func DecodeError(data []byte, err error) string {
	if trimmed := strings.TrimLeft(string(data), " \t\r\n\ufeff"); strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
		var v any
		var syntax *json.SyntaxError
		if jerr := json.Unmarshal(data, &v); errors.As(jerr, &syntax) {
			line, col := position(data, int(syntax.Offset))
			return "not valid JSON at line " + itoa(line) + ", column " + itoa(col) + ": " + syntax.Error()
		}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	msg = unmarshalError.ReplaceAllStringFunc(msg, func(m string) string {
		sub := unmarshalError.FindStringSubmatch(m)
		return "expected " + goTypeWords(sub[2]) + ", found " + yamlTagWords[sub[1]]
	})
	if i := strings.Index(msg, " not found in type"); i >= 0 && strings.Contains(msg, "field ") {
		msg = strings.Replace(msg[:i], "field ", "unknown key ", 1)
	}
	return msg
}

var unmarshalError = regexp.MustCompile("cannot unmarshal (!!\\w+)(?: `[^`]*`)? into (\\S+)")

var yamlTagWords = map[string]string{"!!seq": "a list", "!!map": "a mapping", "!!str": "a string", "!!int": "a number",
	"!!float": "a number", "!!bool": "true or false", "!!null": "nothing", "!!timestamp": "a date"}

func goTypeWords(t string) string {
	switch {
	case t == "bool" || t == "*bool":
		return "true or false"
	case t == "string":
		return "a string"
	case t == "int" || strings.HasPrefix(t, "int") || strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	case strings.HasSuffix(t, "Severity"):
		return "a severity (LOW, MEDIUM, HIGH or CRITICAL)"
	}
	return "a mapping"
}

// position is the 1-based line and column of byte offset off.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = LineOf(data, off)
	start := strings.LastIndexByte(string(data[:off]), '\n') + 1
	return line, off - start + 1
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// PlainError drops the system call from a path error ("openat x: no such
// file" becomes "x: no such file"): the call name says nothing to a user.
func PlainError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// JSONErrorRange is the place in file of a JSON decoding error: the line of
// its offset for syntax and type errors, no line for others.
func JSONErrorRange(file string, data []byte, err error) Range {
	r := Range{File: file}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		r.StartLine = LineOf(data, int(syntax.Offset))
	case errors.As(err, &typ):
		r.StartLine = LineOf(data, int(typ.Offset))
	}
	r.EndLine = r.StartLine
	return r
}
