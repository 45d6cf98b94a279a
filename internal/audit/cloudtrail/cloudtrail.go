// Package cloudtrail reads AWS CloudTrail logs offline: the files CloudTrail
// delivers to S3 ({"Records": [...]}, plain or gzip-compressed), and exports
// with one event per line, from files or directory trees. Records are
// decoded one at a time, so memory does not grow with the size of a file;
// every record is either handed on or rejected with its file, line and
// reason.
package cloudtrail

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	fastjson "github.com/goccy/go-json"

	"github.com/mlguard/mlguard/internal/audit/jsonrec"
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

// Rejected is a record that could not be read, with its file, line and
// reason.
type Rejected = jsonrec.Rejected

// Limits bound what one record and one file may cost.
type Limits struct {
	MaxRecordBytes int // a record longer than this is rejected
	// MaxInMemory is the largest (decompressed) file decoded whole, the
	// fast path; larger files are streamed one record at a time.
	MaxInMemory int64
	// MaxFileBytes bounds a file once decompressed; 0 means
	// jsonrec.DefaultMaxFileBytes.
	MaxFileBytes int64
}

// DefaultLimits allow records up to 1 MiB (CloudTrail's own are far
// smaller) and decode files up to 64 MiB whole (delivered files are a few).
var DefaultLimits = Limits{MaxRecordBytes: 1 << 20, MaxInMemory: 64 << 20, MaxFileBytes: jsonrec.DefaultMaxFileBytes}

// IsLog reports whether a path names a CloudTrail file by its extension.
func IsLog(p string) bool {
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".json.gz") || strings.HasSuffix(p, ".jsonl") ||
		strings.HasSuffix(p, ".jsonl.gz") || strings.HasSuffix(p, ".ndjson")
}

// Files lists the log files under root (a file or a directory), sorted.
func Files(fsys fs.FS, root string) ([]string, error) { return FilesMatching(fsys, root, IsLog) }

// FilesMatching lists the files under root whose names match, sorted; a
// root that is a file is listed whatever its name.
func FilesMatching(fsys fs.FS, root string, match func(string) bool) ([]string, error) {
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
		// Special files and links are listed too, for the reader to refuse
		// or follow: a named pipe called trail.json is not skipped silently.
		if !d.IsDir() && match(p) {
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
	r, closeFn, err := jsonrec.Open(fsys, name, lim.MaxFileBytes)
	if errors.Is(err, jsonrec.ErrNotGzip) {
		reject(Rejected{File: name, Line: 1, Reason: err.Error()})
		return nil
	}
	if err != nil {
		return err
	}
	defer closeFn()
	if lim.MaxInMemory <= 0 {
		return Read(ctx, name, r, lim, fn, reject)
	}
	// Small files, the usual delivery, are decoded whole with a fast
	// decoder; the stream reader takes over for large ones and for any file
	// the fast path cannot read cleanly, so that each bad record is named.
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxInMemory+1))
	if err != nil {
		// A truncated or damaged file: the records before the damage are
		// read one by one, the cut record is rejected where it stops, and
		// the damage is reported.
		rerr := Read(ctx, name, bytes.NewReader(data), lim, fn, reject)
		reject(Rejected{File: name, Line: 1 + bytes.Count(data, []byte{'\n'}), Offset: int64(len(data)),
			Reason: fmt.Sprintf("file damaged after %d bytes: %v; the records before were read", len(data), err)})
		return rerr
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
// document or one JSON event per line, one record at a time, naming each
// record it rejects.
func Read(ctx context.Context, name string, r io.Reader, lim Limits, fn func(*Record) error, reject func(Rejected)) error {
	rr := jsonrec.Reader[Event]{MaxRecordBytes: lim.MaxRecordBytes, Valid: validEvent, Reject: reject}
	return rr.Read(ctx, name, r, func(e *Event, at jsonrec.At) error {
		return fn(&Record{Event: *e, File: name, Line: at.Line, Offset: at.Offset})
	})
}

// validEvent rejects JSON that is not a CloudTrail event.
func validEvent(e *Event) string {
	switch {
	case e.EventSource == "" || e.EventName == "":
		return "record has no eventSource or eventName"
	case !sourceRe.MatchString(e.EventSource):
		return fmt.Sprintf("eventSource %q is not a service host name", e.EventSource)
	case !nameRe.MatchString(e.EventName):
		// An action made of a log's text goes into policies (iam
		// from-trail): "*" or "Get*" must never become one.
		return fmt.Sprintf("eventName %q is not an API name", e.EventName)
	}
	return jsonrec.BadTime("eventTime", e.EventTime)
}

var (
	sourceRe = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	nameRe   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

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
		// Records stay raw first so that the record size limit holds here
		// as on the careful path.
		var doc struct {
			Records []fastjson.RawMessage `json:"Records"`
		}
		if err := fastjson.Unmarshal(data, &doc); err != nil {
			return nil, false
		}
		recs = make([]*Record, len(doc.Records))
		for i, raw := range doc.Records {
			rec := &Record{}
			if len(raw) > lim.MaxRecordBytes || fastjson.Unmarshal(raw, &rec.Event) != nil || validEvent(&rec.Event) != "" {
				return nil, false
			}
			recs[i] = rec
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
			if err := fastjson.Unmarshal(text, &rec.Event); err != nil || validEvent(&rec.Event) != "" {
				return nil, false
			}
			recs = append(recs, rec)
		}
		off += int64(n + 1)
		data = data[n+1:]
	}
	return recs, true
}
