package read

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxJSONDepth bounds the nesting of JSON values flattened into cells.
const maxJSONDepth = 64

// jsonLines reads one JSON value per line; a line that is not JSON is
// counted and skipped.
func jsonLines(ctx context.Context, r io.Reader, lim Limits, info *Info, fn func(Record) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var firstErr error
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		text, err := readLine(br, lim.MaxLine, line)
		if len(bytes.TrimSpace(text)) > 0 {
			var v any
			dec := json.NewDecoder(bytes.NewReader(text))
			dec.UseNumber()
			if jerr := dec.Decode(&v); jerr != nil {
				info.BadLines++
				if firstErr == nil {
					firstErr = errAt(line, "not JSON: %v", jerr)
				}
				if info.BadLines > lim.MaxBadLines {
					return errAt(line, "more than %d lines that are not JSON; the first: %v", lim.MaxBadLines, firstErr)
				}
			} else {
				if !utf8.Valid(text) {
					info.InvalidUTF = true
				}
				rec := Record{Line: line, Cells: flatten(v, nil, "", 0)}
				info.Records++
				if ferr := fn(rec); ferr != nil {
					return ferr
				}
				if lim.MaxRecords > 0 && info.Records >= lim.MaxRecords {
					info.Truncated = true
					return nil
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	if firstErr != nil {
		return &partial{firstErr}
	}
	return nil
}

// readLine reads one line, failing on one longer than max.
func readLine(br *bufio.Reader, max, line int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			return nil, errAt(line, "a line longer than %d bytes", max)
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return buf, err
	}
}

// jsonDoc reads a JSON document: an array of records is read one element
// at a time, each within MaxLine bytes; any other value is one record,
// within MaxLine bytes in all (a larger one belongs in JSON Lines).
func jsonDoc(ctx context.Context, r io.Reader, lim Limits, info *Info, fn func(Record) error) error {
	lc := &lineCounter{r: r, left: int64(lim.MaxLine)}
	dec := json.NewDecoder(lc)
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return errAt(lc.lineAt(dec.InputOffset()), "not JSON: %v", err)
	}
	if d, ok := tok.(json.Delim); ok && d == '[' {
		for dec.More() {
			if err := ctx.Err(); err != nil {
				return err
			}
			line := lc.lineAt(valueStart(dec))
			lc.left = int64(lim.MaxLine) // each element has its own budget
			var v any
			if err := dec.Decode(&v); err != nil {
				if lc.over {
					return errAt(line, "a JSON value longer than %d bytes", lim.MaxLine)
				}
				return errAt(line, "not JSON: %v", err)
			}
			info.Records++
			if err := fn(Record{Line: line, Cells: flatten(v, nil, "", 0)}); err != nil {
				return err
			}
			if lim.MaxRecords > 0 && info.Records >= lim.MaxRecords {
				info.Truncated = true
				return nil
			}
		}
		return nil
	}
	// One value: rebuild it from its first token.
	var v any
	switch t := tok.(type) {
	case json.Delim:
		rest, err := io.ReadAll(io.MultiReader(dec.Buffered(), lc))
		if lc.over {
			return errAt(1, "a JSON document longer than %d bytes that is not an array of records (write it as JSON Lines)", lim.MaxLine)
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal(append([]byte(string(t)), rest...), &v); err != nil {
			return errAt(1, "not JSON: %v", err)
		}
	default:
		v = t
	}
	info.Records++
	return fn(Record{Line: 1, Cells: flatten(v, nil, "", 0)})
}

// valueStart is the offset where the decoder's next value starts: past
// the separators still buffered before it.
func valueStart(dec *json.Decoder) int64 {
	off := dec.InputOffset()
	buf, _ := io.ReadAll(io.LimitReader(dec.Buffered(), 4096))
	for _, c := range buf {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' {
			break
		}
		off++
	}
	return off
}

// lineCounter turns decoder offsets into lines, remembering only the line
// starts of what is buffered ahead of the last offset asked about (offsets
// are asked in order), and stops a value that outgrows its byte budget.
type lineCounter struct {
	r      io.Reader
	read   int64
	starts []int64 // offsets of line starts not yet passed
	passed int     // line starts before starts[0]
	left   int64   // bytes the current value may still read
	over   bool
}

func (l *lineCounter) Read(p []byte) (int, error) {
	if l.left <= 0 {
		l.over = true
		return 0, errors.New("value too long")
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.starts = append(l.starts, l.read+int64(i)+1)
		}
	}
	l.read += int64(n)
	l.left -= int64(n)
	return n, err
}

func (l *lineCounter) lineAt(off int64) int {
	k := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off })
	l.passed += k
	l.starts = append(l.starts[:0], l.starts[k:]...)
	return l.passed + 1
}

// flatten turns a JSON value into cells named by path: a.b, a.list[], a
// value in an array standing under the array's name with [].
func flatten(v any, out []Cell, prefix string, depth int) []Cell {
	if depth > maxJSONDepth {
		return out
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			out = flatten(x[k], out, name, depth+1)
		}
	case []any:
		for _, e := range x {
			out = flatten(e, out, prefix+"[]", depth+1)
		}
	case string:
		if x != "" {
			if !utf8.ValidString(x) {
				x = strings.ToValidUTF8(x, "\uFFFD")
			}
			out = append(out, Cell{Column: column0(prefix), Value: x})
		}
	case json.Number:
		out = append(out, Cell{Column: column0(prefix), Value: x.String()})
	case bool:
		out = append(out, Cell{Column: column0(prefix), Value: strconv.FormatBool(x)})
	case nil:
	default:
		out = append(out, Cell{Column: column0(prefix), Value: fmt.Sprint(x)})
	}
	return out
}

func column0(p string) string {
	if p == "" {
		return "(value)"
	}
	return p
}
