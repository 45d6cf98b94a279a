// Package iampolicy reads IAM policy documents kept as JSON files (a role's
// policy, a bucket or key policy, an SCP), with the line range of each
// statement so that findings point at the statement.
package iampolicy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/source"
)

// Format names the format in findings.
const Format = "iam-policy"

// Document is one policy file.
type Document struct {
	Path       string
	Policy     *iam.Policy
	Range      source.Range   // the whole document
	Statements []source.Range // one per statement, in order
}

// Parse reads a policy document. A file that is not valid JSON or not a
// policy gives an error diagnostic with the line where reading stopped.
func Parse(path string, data []byte) (*Document, source.Diagnostics) {
	var diags source.Diagnostics
	lines := newLines(data)
	p, err := iam.Parse(data)
	if err != nil {
		r := source.JSONErrorRange(path, data, err)
		if r.StartLine == 0 {
			r.StartLine, r.EndLine = 1, 1
		}
		diags.Errorf(r, "Invalid policy document", "%v", err)
		return nil, diags
	}
	doc := &Document{Path: path, Policy: p, Range: source.Range{File: path, StartLine: 1, EndLine: lines.at(len(data))}}
	spans, err := statementSpans(data)
	if err != nil || len(spans) != len(p.Statements) {
		// The document parsed, so the spans can only be missing for a
		// single statement object; point at the whole document then.
		for range p.Statements {
			doc.Statements = append(doc.Statements, doc.Range)
		}
		return doc, diags
	}
	for _, s := range spans {
		doc.Statements = append(doc.Statements, source.Range{File: path, StartLine: lines.at(s[0]), EndLine: lines.at(s[1])})
	}
	return doc, diags
}

// statementSpans returns the byte offsets where each statement starts and
// ends, walking the top-level object token by token.
func statementSpans(data []byte) ([][2]int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("not an object")
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if key != "Statement" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
			continue
		}
		return elementSpans(dec, data)
	}
	return nil, io.EOF
}

func elementSpans(dec *json.Decoder, data []byte) ([][2]int, error) {
	start := skipSpace(data, int(dec.InputOffset()))
	if start >= len(data) || data[start] != '[' {
		var one json.RawMessage
		if err := dec.Decode(&one); err != nil {
			return nil, err
		}
		return [][2]int{{start, int(dec.InputOffset())}}, nil
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	var out [][2]int
	for dec.More() {
		from := skipSpace(data, int(dec.InputOffset()))
		if from < len(data) && data[from] == ',' {
			from = skipSpace(data, from+1)
		}
		var el json.RawMessage
		if err := dec.Decode(&el); err != nil {
			return nil, err
		}
		out = append(out, [2]int{from, int(dec.InputOffset())})
	}
	return out, nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' || data[i] == ':') {
		i++
	}
	return i
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int

func newLines(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range data {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) at(off int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > off })
}
