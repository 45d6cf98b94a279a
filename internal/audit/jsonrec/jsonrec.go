// Package jsonrec reads files of JSON records in the shapes log exports
// take: one record per line, a top-level array, or an object whose
// "records", "Records", "value" or "entries" member is the array (plain or
// gzip-compressed). Records are decoded one at a time; each that cannot be
// decoded is rejected with its file, line and reason, and the rest is read.
package jsonrec

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"
)

// Rejected is a record that could not be read.
type Rejected struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Offset int64  `json:"offset"`
	Reason string `json:"reason"`
}

// At says where a record was read.
type At struct {
	File   string
	Line   int
	Offset int64
}

// Reader reads records of type T.
type Reader[T any] struct {
	// MaxRecordBytes bounds one record; 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int
	// MaxFileBytes bounds a file's decompressed size; 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
	// Valid, when set, rejects records that decode but are not of the
	// expected kind, with the reason it returns.
	Valid func(*T) string
	// Reject receives every record that cannot be read.
	Reject func(Rejected)
}

// arrayKeys are the members that hold the records of an export object.
var arrayKeys = map[string]bool{"records": true, "Records": true, "value": true, "entries": true}

// DefaultMaxRecordBytes bounds one record unless a Reader says otherwise.
const DefaultMaxRecordBytes = 1 << 20

// DefaultMaxFileBytes bounds what one file may hold once decompressed: a
// gzip of a few megabytes can unpack to terabytes.
const DefaultMaxFileBytes int64 = 4 << 30

// ErrFileTooLarge is the read error of a file past its decompressed bound.
var ErrFileTooLarge = errors.New("file too large")

// ErrNotGzip is the error Open returns for a .gz file that is not gzip.
var ErrNotGzip = errors.New("not a gzip file")

// Open opens a log file for reading: through gzip when its name ends in
// .gz, and capped at max decompressed bytes (DefaultMaxFileBytes when max
// is 0 or less), so that no file is read without bound. The caller calls
// closeFn. A .gz file that is not gzip is an error wrapping ErrNotGzip.
func Open(fsys fs.FS, name string, max int64) (r io.Reader, closeFn func(), err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if max <= 0 {
		max = DefaultMaxFileBytes
	}
	r = bufio.NewReaderSize(f, 64<<10)
	if !strings.HasSuffix(strings.ToLower(name), ".gz") {
		return Capped(r, max), func() { f.Close() }, nil
	}
	gz, err := gzip.NewReader(r)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%w: %v", ErrNotGzip, err)
	}
	return Capped(gz, max), func() { gz.Close(); f.Close() }, nil
}

// Capped reads r until max bytes and then fails with ErrFileTooLarge.
func Capped(r io.Reader, max int64) io.Reader { return &capped{r: r, left: max, max: max} }

type capped struct {
	r         io.Reader
	left, max int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("%w: more than %d bytes (decompressed); the rest is not read", ErrFileTooLarge, c.max)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// ReadFile reads name from fsys and calls fn with each record decoded into
// a new T; an error from fn stops the reading.
func (rr Reader[T]) ReadFile(ctx context.Context, fsys fs.FS, name string, fn func(*T, At) error) error {
	r, closeFn, err := Open(fsys, name, rr.MaxFileBytes)
	if errors.Is(err, ErrNotGzip) {
		rr.Reject(Rejected{File: name, Line: 1, Reason: err.Error()})
		return nil
	}
	if err != nil {
		return err
	}
	defer closeFn()
	return rr.Read(ctx, name, r, fn)
}

// Read reads records from r, named name in rejections; see ReadFile.
func (rr Reader[T]) Read(ctx context.Context, name string, r io.Reader, fn func(*T, At) error) error {
	if rr.MaxRecordBytes <= 0 {
		rr.MaxRecordBytes = DefaultMaxRecordBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4096)
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	rd := &reader[T]{Reader: rr, ctx: ctx, name: name, fn: fn}
	switch {
	case bytes.HasPrefix(trimmed, []byte("[")):
		return rd.array(br, false)
	case bytes.HasPrefix(trimmed, []byte("{")) && exportObject(trimmed):
		return rd.array(br, true)
	}
	return rd.lines(br)
}

type reader[T any] struct {
	Reader[T]
	ctx  context.Context
	name string
	fn   func(*T, At) error
}

// exportObject tells an export object ({"records": [...]}, {"nextLink":
// null, "value": [...]}) from the first record of a JSON-lines file: one of
// its members within the head is a records array.
func exportObject(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return false
		}
		if arrayKeys[key] {
			next, err := dec.Token()
			return err == nil && next == json.Delim('[')
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

func (rd *reader[T]) one(raw []byte, at At) error {
	if len(raw) > rd.MaxRecordBytes {
		rd.Reject(Rejected{File: rd.name, Line: at.Line, Offset: at.Offset, Reason: fmt.Sprintf("record longer than %d bytes", rd.MaxRecordBytes)})
		return nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		rd.Reject(Rejected{File: rd.name, Line: at.Line, Offset: at.Offset, Reason: "record is not valid: " + err.Error()})
		return nil
	}
	if rd.Valid != nil {
		if why := rd.Valid(v); why != "" {
			rd.Reject(Rejected{File: rd.name, Line: at.Line, Offset: at.Offset, Reason: why})
			return nil
		}
	}
	return rd.fn(v, at)
}

func (rd *reader[T]) lines(r *bufio.Reader) error {
	var off int64
	for line := 1; ; line++ {
		if line%1024 == 0 && rd.ctx.Err() != nil {
			return rd.ctx.Err()
		}
		text, dropped, err := readLine(r, rd.MaxRecordBytes)
		start := off
		off += int64(len(text) + dropped)
		switch t := bytes.TrimSpace(text); {
		case dropped > 0:
			rd.Reject(Rejected{File: rd.name, Line: line, Offset: start, Reason: fmt.Sprintf("record longer than %d bytes", rd.MaxRecordBytes)})
		case len(t) > 0:
			if err := rd.one(t, At{File: rd.name, Line: line, Offset: start}); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			rd.Reject(Rejected{File: rd.name, Line: line, Offset: off, Reason: "read: " + err.Error()})
			return nil
		}
	}
}

// readLine reads up to and including a newline, keeping at most max bytes;
// dropped counts the bytes of a longer line, which is not kept.
func readLine(r *bufio.Reader, max int) (line []byte, dropped int, err error) {
	for {
		chunk, e := r.ReadSlice('\n')
		if dropped > 0 || len(line)+len(chunk) > max {
			dropped += len(chunk) + len(line)
			line = nil
		} else {
			line = append(line, chunk...)
		}
		if e != bufio.ErrBufferFull {
			return line, dropped, e
		}
	}
}

// array reads a top-level array, or the array member of an export object.
func (rd *reader[T]) array(r io.Reader, inObject bool) error {
	// The decoder buffers a whole value: the counter refuses to read more
	// than a record's bound past the start of the record being decoded.
	c := &counter{r: r, limit: int64(rd.MaxRecordBytes) + 64<<10}
	dec := json.NewDecoder(c)
	fail := func(off int64, reason string) {
		rd.Reject(Rejected{File: rd.name, Line: c.lineAt(off), Offset: off, Reason: reason})
	}
	if _, err := dec.Token(); err != nil {
		fail(dec.InputOffset(), "not JSON: "+err.Error())
		return nil
	}
	if inObject {
		for {
			if !dec.More() {
				fail(dec.InputOffset(), "no records array")
				return nil
			}
			key, err := dec.Token()
			if err != nil {
				fail(dec.InputOffset(), "not JSON: "+err.Error())
				return nil
			}
			if k, _ := key.(string); arrayKeys[k] {
				if t, err := dec.Token(); err != nil || t != json.Delim('[') {
					fail(dec.InputOffset(), k+" is not a list")
					return nil
				}
				break
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(dec.InputOffset(), "not JSON: "+err.Error())
				return nil
			}
		}
	}
	for n := 0; dec.More(); n++ {
		if n%1024 == 0 && rd.ctx.Err() != nil {
			return rd.ctx.Err()
		}
		var raw json.RawMessage
		c.mark = dec.InputOffset()
		if err := dec.Decode(&raw); err != nil {
			off := c.off
			var syn *json.SyntaxError
			switch {
			case errors.Is(err, errTooLarge):
				// The mark is where the previous record ended: name the
				// record as the one that follows it.
				fail(c.mark, fmt.Sprintf("the record after this point is longer than %d bytes; the rest of the file is not read", rd.MaxRecordBytes))
				return nil
			case errors.As(err, &syn):
				off = syn.Offset
			}
			fail(off, "record is not JSON: "+err.Error())
			return nil
		}
		c.mark = -1
		start := dec.InputOffset() - int64(len(raw)) // Decode leaves the offset at the value's end
		if err := rd.one(raw, At{File: rd.name, Line: c.lineAt(start), Offset: start}); err != nil {
			return err
		}
	}
	return nil
}

// errTooLarge stops a decoder inside a record over the bound.
var errTooLarge = errors.New("record too large")

// counter counts lines as the decoder reads, so a record's line is known,
// and refuses to read further than limit past mark (the start of the record
// being decoded; -1 when none is).
type counter struct {
	r           io.Reader
	lines       []int64
	base        int
	off         int64
	mark, limit int64
}

func (c *counter) Read(p []byte) (int, error) {
	if c.limit > 0 && c.mark >= 0 && c.off-c.mark > c.limit {
		return 0, errTooLarge
	}
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		c.lines = append(c.lines, c.off+int64(i))
	}
	c.off += int64(n)
	return n, err
}

func (c *counter) lineAt(off int64) int {
	k := sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off })
	c.base += k
	c.lines = c.lines[k:]
	return c.base + 1
}

// BadTime says why a record's time field is not an RFC 3339 time ("" when
// it is one). A record without a readable time cannot be placed in a
// window; it is rejected rather than read as the year 1.
func BadTime(field, v string) string {
	if v == "" {
		return "record has no " + field
	}
	if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
		return fmt.Sprintf("%s %q is not a date and time (RFC 3339)", field, v)
	}
	return ""
}
