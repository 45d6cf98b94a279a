package read

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// csvReader reads records as encoding/csv does with its defaults (RFC 4180
// quoting, no lazy quotes, blank lines skipped, "\r\n" read as "\n"), and
// bounds every line and record in the same pass. The input is read in
// chunks of whole lines, each made one string; lines and fields are parts
// of it, so reading costs an allocation per chunk, not per record or field.
// encoding/csv and a separate length check took half of data scan's time
// on plain tables.
type csvReader struct {
	r     io.Reader
	comma byte
	max   int
	line  int // physical lines read
	// chunk holds whole lines; pos is where the next one starts.
	chunk string
	pos   int
	// buf holds what was read after chunk's last line; err is the input's
	// error once it has one (io.EOF at its end).
	buf    []byte
	err    error
	fields []string
	// utf8 is set when the last record read is valid UTF-8 as a whole,
	// so that its fields need no check of their own.
	utf8 bool
}

// chunkSize is how much is read at a time.
const chunkSize = 64 << 10

// newCSVReader reads r, sniffing the delimiter from its first line.
func newCSVReader(r io.Reader, f Format, max int) (*csvReader, error) {
	c := &csvReader{r: r, max: max, buf: make([]byte, 0, chunkSize)}
	if err := c.fill(); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	first := c.chunk
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	c.comma = byte(sniffDelimiter([]byte(first), f))
	return c, nil
}

// fill makes chunk the next run of whole lines (at the end of the input,
// the last line, newline or not).
func (c *csvReader) fill() error {
	for {
		if i := bytes.LastIndexByte(c.buf, '\n'); i >= 0 {
			c.chunk, c.pos = string(c.buf[:i+1]), 0
			c.buf = c.buf[:copy(c.buf, c.buf[i+1:])]
			return nil
		}
		if c.err != nil {
			if len(c.buf) == 0 {
				return c.err
			}
			c.chunk, c.pos = string(c.buf), 0
			c.buf = c.buf[:0]
			return nil
		}
		if len(c.buf) > c.max {
			return errAt(c.line+1, "a line longer than %d bytes", c.max)
		}
		if cap(c.buf)-len(c.buf) < chunkSize/2 {
			c.buf = append(make([]byte, 0, 2*cap(c.buf)), c.buf...) // a line longer than the buffer
		}
		n, err := c.r.Read(c.buf[len(c.buf):cap(c.buf)])
		c.buf = c.buf[:len(c.buf)+n]
		if err != nil {
			c.err = err
		}
	}
}

// readLine returns the next line without its "\n" or "\r\n" (encoding/csv
// also drops a '\r' at the end of the input); io.EOF when there is none.
func (c *csvReader) readLine() (string, error) {
	if c.pos >= len(c.chunk) {
		if err := c.fill(); err != nil {
			return "", err
		}
	}
	rest := c.chunk[c.pos:]
	line := rest
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		line = rest[:i]
		c.pos += i + 1
	} else {
		c.pos = len(c.chunk)
	}
	c.line++
	if len(line) > c.max {
		return "", errAt(c.line, "a line longer than %d bytes", c.max)
	}
	return strings.TrimSuffix(line, "\r"), nil
}

// read returns the next record's fields (valid until the next call) and
// the line it starts on. A malformed record is skipped: its error is a
// *csv.ParseError, and the next call reads on after it.
func (c *csvReader) read() (fields []string, start int, err error) {
	for {
		rec, err := c.readLine()
		if err != nil {
			return nil, 0, err
		}
		start = c.line
		if rec == "" {
			continue // a blank line
		}
		for {
			fields, more, perr := c.parse(rec)
			if perr != nil {
				return nil, start, &csv.ParseError{StartLine: start, Line: c.line, Err: perr}
			}
			if !more {
				c.utf8 = utf8.ValidString(rec)
				return fields, start, nil
			}
			// A quoted field goes on to the next line.
			next, err := c.readLine()
			if errors.Is(err, io.EOF) {
				return nil, start, &csv.ParseError{StartLine: start, Line: c.line, Err: csv.ErrQuote}
			}
			if err != nil {
				return nil, start, err
			}
			if len(rec)+1+len(next) > c.max {
				return nil, start, errAt(start, "a record longer than %d bytes", c.max)
			}
			rec += "\n" + next
		}
	}
}

// parse splits a record's text into fields. more is set when a quoted
// field is still open at the end of the text.
func (c *csvReader) parse(rec string) (fields []string, more bool, err error) {
	c.fields = c.fields[:0]
	if strings.IndexByte(rec, '"') < 0 {
		// No quote anywhere, as in most rows: split at the delimiters.
		for {
			end := strings.IndexByte(rec, c.comma)
			if end < 0 {
				return append(c.fields, rec), false, nil
			}
			c.fields = append(c.fields, rec[:end])
			rec = rec[end+1:]
		}
	}
	for i := 0; ; {
		if i < len(rec) && rec[i] == '"' {
			field, next, open, err := c.quoted(rec, i+1)
			if open || err != nil {
				return nil, open, err
			}
			c.fields = append(c.fields, field)
			if next >= len(rec) {
				return c.fields, false, nil
			}
			i = next + 1 // past the delimiter
			continue
		}
		end := strings.IndexByte(rec[i:], c.comma)
		if end < 0 {
			end = len(rec)
		} else {
			end += i
		}
		field := rec[i:end]
		if strings.IndexByte(field, '"') >= 0 {
			return nil, false, csv.ErrBareQuote
		}
		c.fields = append(c.fields, field)
		if end == len(rec) {
			return c.fields, false, nil
		}
		i = end + 1
	}
}

// quoted reads a quoted field whose text starts at i: its value, where
// the delimiter after it is (or the end), and whether it is still open.
func (c *csvReader) quoted(rec string, i int) (field string, next int, open bool, err error) {
	var b []byte // only when the field holds a doubled quote
	start := i
	for {
		k := strings.IndexByte(rec[i:], '"')
		if k < 0 {
			return "", 0, true, nil
		}
		i += k
		if i+1 < len(rec) && rec[i+1] == '"' {
			b = append(b, rec[start:i+1]...)
			i += 2
			start = i
			continue
		}
		if i+1 < len(rec) && rec[i+1] != c.comma {
			return "", 0, false, csv.ErrQuote
		}
		field = rec[start:i]
		if b != nil {
			field = string(append(b, field...))
		}
		return field, i + 1, false, nil
	}
}
