package read

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// csvRecords reads a CSV or TSV file: the delimiter sniffed from the first
// line (comma, tab, semicolon or pipe), a header when the first row is one
// (names, not values), quoted fields; a row with another number of fields
// than the header is read and counted as ragged.
func csvRecords(ctx context.Context, r io.Reader, f Format, lim Limits, info *Info, fn func(Record) error) error {
	cr, err := newCSVReader(r, f, lim.MaxLine)
	if err != nil {
		return err
	}
	var header []string
	var cells []Cell // reused: a record's cells are handed out for the callback only
	var firstErr error
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, line, err := cr.read()
		if errors.Is(err, io.EOF) {
			break
		}
		if pe := parseError(err); pe != nil {
			info.BadLines++
			if firstErr == nil {
				firstErr = errAt(pe.StartLine, "%v", pe.Err)
			}
			if info.BadLines > lim.MaxBadLines {
				return errAt(pe.StartLine, "more than %d malformed rows; the first: %v", lim.MaxBadLines, firstErr)
			}
			continue
		}
		if err != nil {
			var le *Error
			if errors.As(err, &le) {
				return le
			}
			return errAt(cr.line, "%v", err)
		}
		if header == nil {
			header = headerOf(rec)
			info.Columns = header
			if isHeader(rec) {
				continue
			}
		}
		if len(rec) != len(header) {
			info.Ragged++
		}
		cells = cells[:0]
		for i, v := range rec {
			if v == "" {
				continue
			}
			if !cr.utf8 && !utf8.ValidString(v) {
				info.InvalidUTF = true
				v = strings.ToValidUTF8(v, "\uFFFD")
			}
			cells = append(cells, Cell{Column: column(header, i), Value: v})
		}
		info.Records++
		if err := fn(Record{Cells: cells, Line: line}); err != nil {
			return err
		}
		if lim.MaxRecords > 0 && info.Records >= lim.MaxRecords {
			info.Truncated = true
			return nil
		}
	}
	if firstErr != nil {
		return &partial{firstErr}
	}
	return nil
}

// parseError returns err as a malformed record's error, or nil. (A
// variable whose address errors.As takes escapes: kept out of the loop.)
func parseError(err error) *csv.ParseError {
	if err == nil {
		return nil
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// partial is an error after which the rest of the file was still read.
type partial struct{ err error }

func (p *partial) Error() string { return p.err.Error() }
func (p *partial) Unwrap() error { return p.err }

// Partial reports whether err left the rest of the file read (malformed
// rows skipped), rather than stopping it.
func Partial(err error) bool {
	var p *partial
	return errors.As(err, &p)
}

func column(header []string, i int) string {
	if i < len(header) {
		return header[i]
	}
	return "column_" + strconv.Itoa(i+1)
}

// sniffDelimiter picks the delimiter the first line holds most of outside
// quotes; TSV files are tab-separated whatever they hold.
func sniffDelimiter(head []byte, f Format) rune {
	if f == TSV {
		return '\t'
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		switch c {
		case '"':
			quoted = !quoted
		case ',', '\t', ';', '|':
			if !quoted {
				counts[c]++
			}
		}
	}
	best, n := ',', 0
	for _, c := range []rune{',', '\t', ';', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return best
}

// isHeader reports whether a first row names columns: every field holds a
// letter, none is a number, and none repeats.
func isHeader(rec []string) bool {
	seen := map[string]bool{}
	for _, v := range rec {
		v = strings.TrimSpace(v)
		if v == "" || seen[v] || strings.IndexFunc(v, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }) < 0 {
			return false
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return false
		}
		if strings.Contains(v, "@") || len(v) > 64 {
			return false
		}
		seen[v] = true
	}
	return true
}

// headerOf names the columns: the first row when it is a header, else
// column_1, column_2, ...
func headerOf(rec []string) []string {
	out := make([]string, len(rec))
	h := isHeader(rec)
	for i, v := range rec {
		if h {
			out[i] = strings.TrimSpace(v)
		} else {
			out[i] = "column_" + strconv.Itoa(i+1)
		}
	}
	return out
}
