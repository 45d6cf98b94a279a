// Package cloudtrail reads AWS CloudTrail logs offline: the files CloudTrail
// delivers to S3 ({"Records": [...]}, plain or gzip-compressed), and exports
// with one event per line, from files or directory trees. Records are
// decoded one at a time, so memory does not grow with the size of a file;
// every record is either handed on or rejected with its file, line and
// reason.
package cloudtrail

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

	fastjson "github.com/goccy/go-json"
)

// Event is the part of a CloudTrail record mlguard reads.
type Event struct {
	EventVersion       string          `json:"eventVersion"`
	EventTime          string          `json:"eventTime"`
	EventSource        string          `json:"eventSource"`
	EventName          string          `json:"eventName"`
	AWSRegion          string          `json:"awsRegion"`
	SourceIPAddress    string          `json:"sourceIPAddress"`
	UserAgent          string          `json:"userAgent"`
	ErrorCode          string          `json:"errorCode"`
	ErrorMessage       string          `json:"errorMessage"`
	RequestParameters  json.RawMessage `json:"requestParameters"`
	Resources          []Resource      `json:"resources"`
	RecipientAccountID string          `json:"recipientAccountId"`
	VPCEndpointID      string          `json:"vpcEndpointId"`
	EventType          string          `json:"eventType"`
	EventID            string          `json:"eventID"`
	ReadOnly           *bool           `json:"readOnly"`
	UserIdentity       UserIdentity    `json:"userIdentity"`
	// AdditionalEventData carries, for S3 data events, the bytes sent.
	AdditionalEventData struct {
		BytesTransferredOut float64 `json:"bytesTransferredOut"`
	} `json:"additionalEventData"`
}

// UserIdentity is who made the call.
type UserIdentity struct {
	Type           string `json:"type"`
	PrincipalID    string `json:"principalId"`
	ARN            string `json:"arn"`
	AccountID      string `json:"accountId"`
	AccessKeyID    string `json:"accessKeyId"`
	InvokedBy      string `json:"invokedBy"`
	SessionContext struct {
		SessionIssuer struct {
			Type string `json:"type"`
			ARN  string `json:"arn"`
		} `json:"sessionIssuer"`
	} `json:"sessionContext"`
}

// Resource is one resource a record names.
type Resource struct {
	ARN       string `json:"ARN"`
	AccountID string `json:"accountId"`
	Type      string `json:"type"`
}

// Record is an event with where it was read.
type Record struct {
	Event
	File   string
	Line   int   // the line the record starts on
	Offset int64 // its byte offset in the (decompressed) file
}

// Rejected is a record that could not be read.
type Rejected struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Offset int64  `json:"offset"`
	Reason string `json:"reason"`
}

// Limits bound what one record and one file may cost.
type Limits struct {
	MaxRecordBytes int // a record longer than this is rejected
	// MaxInMemory is the largest (decompressed) file decoded whole, the
	// fast path; larger files are streamed one record at a time.
	MaxInMemory int64
}

// DefaultLimits allow records up to 1 MiB (CloudTrail's own are far
// smaller) and decode files up to 64 MiB whole (delivered files are a few).
var DefaultLimits = Limits{MaxRecordBytes: 1 << 20, MaxInMemory: 64 << 20}

// IsLog reports whether a path names a CloudTrail file by its extension.
func IsLog(p string) bool {
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".json.gz") || strings.HasSuffix(p, ".jsonl") ||
		strings.HasSuffix(p, ".jsonl.gz") || strings.HasSuffix(p, ".ndjson")
}

// Files lists the log files under root (a file or a directory), sorted.
func Files(fsys fs.FS, root string) ([]string, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	var out []string
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && IsLog(p) {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ReadFile reads one file and calls fn for each record, and reject for each
// record that cannot be read. An error from fn stops the reading.
func ReadFile(ctx context.Context, fsys fs.FS, name string, lim Limits, fn func(*Record) error, reject func(Rejected)) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 64<<10)
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			reject(Rejected{File: name, Line: 1, Reason: "not a gzip file: " + err.Error()})
			return nil
		}
		defer gz.Close()
		r = gz
	}
	if lim.MaxInMemory <= 0 {
		return Read(ctx, name, r, lim, fn, reject)
	}
	// Small files, the usual delivery, are decoded whole with a fast
	// decoder; the stream reader takes over for large ones and for any file
	// the fast path cannot read cleanly, so that each bad record is named.
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxInMemory+1))
	if err != nil {
		reject(Rejected{File: name, Line: 1, Reason: "read: " + err.Error()})
		return nil
	}
	if int64(len(data)) > lim.MaxInMemory {
		return Read(ctx, name, io.MultiReader(bytes.NewReader(data), r), lim, fn, reject)
	}
	if recs, ok := decodeFast(data, lim); ok {
		for i, rec := range recs {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			rec.File = name
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	}
	return Read(ctx, name, bytes.NewReader(data), lim, fn, reject)
}

// Read reads records from r, which holds either a {"Records": [...]}
// document or one JSON event per line.
func Read(ctx context.Context, name string, r io.Reader, lim Limits, fn func(*Record) error, reject func(Rejected)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4096)
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if bytes.HasPrefix(trimmed, []byte("{")) && isDelivered(trimmed) {
		return readDelivered(ctx, name, br, lim, fn, reject)
	}
	return readLines(ctx, name, br, lim, fn, reject)
}

// isDelivered tells a delivered file from a line of events: its first key
// is Records.
func isDelivered(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	t, err := dec.Token()
	return err == nil && t == "Records"
}

// counter counts lines as the decoder reads, so a record's line is known.
type counter struct {
	r     io.Reader
	lines []int64 // offsets of line starts seen so far, trimmed as records pass
	base  int
	off   int64
}

func (c *counter) Read(p []byte) (int, error) {
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

// lineAt returns the 1-based line of an offset and forgets earlier lines.
func (c *counter) lineAt(off int64) int {
	k := sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off })
	c.base += k
	c.lines = c.lines[k:]
	return c.base + 1
}

func readDelivered(ctx context.Context, name string, r io.Reader, lim Limits, fn func(*Record) error, reject func(Rejected)) error {
	c := &counter{r: r}
	dec := json.NewDecoder(c)
	fail := func(off int64, reason string) {
		reject(Rejected{File: name, Line: c.lineAt(off), Offset: off, Reason: reason})
	}
	if _, err := dec.Token(); err != nil {
		fail(dec.InputOffset(), "not JSON: "+err.Error())
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			fail(dec.InputOffset(), "not JSON: "+err.Error())
			return nil
		}
		if key != "Records" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(dec.InputOffset(), "not JSON: "+err.Error())
				return nil
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			fail(dec.InputOffset(), "Records is not a list")
			return nil
		}
		for n := 0; dec.More(); n++ {
			if n%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			off := dec.InputOffset()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				fail(stopped(err, c, off), "record is not JSON: "+err.Error())
				return nil // the decoder cannot resynchronise inside a list
			}
			start := dec.InputOffset() - int64(len(raw)) // Decode leaves the offset at the value's end
			rec, reason := decode(raw, lim)
			if reason != "" {
				fail(start, reason)
				continue
			}
			rec.File, rec.Offset, rec.Line = name, start, c.lineAt(start)
			if err := fn(rec); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			fail(dec.InputOffset(), "unterminated Records list")
			return nil
		}
	}
	return nil
}

// stopped is where reading a broken record stopped: the syntax error's
// offset, or for a file cut short, its end.
func stopped(err error, c *counter, fallback int64) int64 {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return syn.Offset
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return c.off
	}
	return fallback
}

func readLines(ctx context.Context, name string, r *bufio.Reader, lim Limits, fn func(*Record) error, reject func(Rejected)) error {
	var off int64
	for line := 1; ; line++ {
		if line%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		text, tooLong, err := readLine(r, lim.MaxRecordBytes)
		start := off
		off += int64(len(text))
		if tooLong > 0 {
			off += int64(tooLong)
			reject(Rejected{File: name, Line: line, Offset: start, Reason: fmt.Sprintf("record longer than %d bytes", lim.MaxRecordBytes)})
		} else if t := bytes.TrimSpace(text); len(t) > 0 {
			rec, reason := decode(t, lim)
			if reason != "" {
				reject(Rejected{File: name, Line: line, Offset: start, Reason: reason})
			} else {
				rec.File, rec.Line, rec.Offset = name, line, start
				if err := fn(rec); err != nil {
					return err
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			reject(Rejected{File: name, Line: line, Offset: off, Reason: "read: " + err.Error()})
			return nil
		}
	}
}

// readLine reads up to and including a newline, keeping at most max bytes;
// tooLong counts the bytes dropped beyond that.
func readLine(r *bufio.Reader, max int) (line []byte, tooLong int, err error) {
	for {
		chunk, e := r.ReadSlice('\n')
		if len(line)+len(chunk) > max {
			tooLong += len(chunk)
		} else {
			line = append(line, chunk...)
		}
		if e != bufio.ErrBufferFull {
			if tooLong > 0 {
				tooLong += len(line)
				line = nil
			}
			return line, tooLong, e
		}
	}
}

// decodeFast decodes a whole delivered file, or a file of JSON lines, with
// goccy/go-json. It reports false when any record is not clean (bad JSON, a
// missing eventSource, a record too long), so that the careful reader can
// name it; line numbers are then known for the JSON lines only.
func decodeFast(data []byte, lim Limits) (recs []*Record, ok bool) {
	defer func() {
		if recover() != nil {
			recs, ok = nil, false
		}
	}()
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	head := trimmed[:min(len(trimmed), 4096)]
	if bytes.HasPrefix(trimmed, []byte("{")) && isDelivered(head) {
		var doc struct {
			Records []Event `json:"Records"`
		}
		if err := fastjson.Unmarshal(data, &doc); err != nil {
			return nil, false
		}
		recs = make([]*Record, len(doc.Records))
		for i := range doc.Records {
			if doc.Records[i].EventSource == "" || doc.Records[i].EventName == "" {
				return nil, false
			}
			recs[i] = &Record{Event: doc.Records[i]}
		}
		return recs, true
	}
	line := 0
	var off int64
	for len(data) > 0 {
		line++
		n := bytes.IndexByte(data, '\n')
		if n < 0 {
			n = len(data) - 1
		}
		text := bytes.TrimSpace(data[:n+1])
		if len(text) > lim.MaxRecordBytes {
			return nil, false
		}
		if len(text) > 0 {
			rec := &Record{Line: line, Offset: off}
			if err := fastjson.Unmarshal(text, &rec.Event); err != nil || rec.EventSource == "" || rec.EventName == "" {
				return nil, false
			}
			recs = append(recs, rec)
		}
		off += int64(n + 1)
		data = data[n+1:]
	}
	return recs, true
}

// decode reads one record, or says why it cannot.
func decode(raw []byte, lim Limits) (*Record, string) {
	if len(raw) > lim.MaxRecordBytes {
		return nil, fmt.Sprintf("record longer than %d bytes", lim.MaxRecordBytes)
	}
	rec := &Record{}
	if err := json.Unmarshal(raw, &rec.Event); err != nil {
		return nil, "record is not a CloudTrail event: " + err.Error()
	}
	if rec.EventSource == "" || rec.EventName == "" {
		return nil, "record has no eventSource or eventName"
	}
	return rec, ""
}
