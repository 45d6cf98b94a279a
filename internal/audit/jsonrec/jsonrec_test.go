package jsonrec

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"
)

type rec struct {
	Name string `json:"name"`
}

func read(t *testing.T, data string) (got, rejected []string) {
	t.Helper()
	rr := Reader[rec]{MaxRecordBytes: 64, Reject: func(r Rejected) { rejected = append(rejected, fmt.Sprintf("%d:%s", r.Line, r.Reason)) },
		Valid: func(r *rec) string {
			if r.Name == "" {
				return "no name"
			}
			return ""
		}}
	err := rr.Read(context.Background(), "f", strings.NewReader(data), func(r *rec, at At) error {
		got = append(got, fmt.Sprintf("%d:%s", at.Line, r.Name))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, rejected
}

func TestShapes(t *testing.T) {
	cases := []struct {
		name, data   string
		got, rejects string
	}{
		{"lines", "{\"name\":\"a\"}\n\n{\"name\":\"b\"}\nnope\n{}\n{\"name\":\"" + strings.Repeat("x", 100) + "\"}\n{\"name\":\"c\"}",
			"1:a 3:b 7:c", "4:record is not valid 5:no name 6:record longer than 64 bytes"},
		{"array", "[\n {\"name\":\"a\"},\n {\"name\":1},\n {\"name\":\"b\"}\n]", "2:a 4:b", "3:record is not valid"},
		{"records object", "{\"records\": [\n{\"name\":\"a\"},\n{\"name\":\"b\"}]}", "2:a 3:b", ""},
		{"value object after other members", "{\"nextLink\": null,\n\"value\": [{\"name\":\"a\"}]}", "2:a", ""},
		{"cut short", "[{\"name\":\"a\"},\n{\"name\":", "1:a", "2:record is not JSON"},
		{"object whose records are not a list is a record", "{\"records\": 3}", "", "1:no name"},
	}
	for _, tc := range cases {
		got, rej := read(t, tc.data)
		short := func(xs []string) string {
			var out []string
			for _, x := range xs {
				if i := strings.Index(x, ":"); i >= 0 && strings.Contains(x[i+1:], ":") {
					x = x[:i+1+strings.Index(x[i+1:], ":")]
				}
				out = append(out, x)
			}
			return strings.Join(out, " ")
		}
		if strings.Join(got, " ") != tc.got || short(rej) != tc.rejects {
			t.Errorf("%s: got %q rejected %q, want %q and %q", tc.name, got, rej, tc.got, tc.rejects)
		}
	}
}

// TestHugeRecordInArray: a record far over the bound inside an array is
// rejected without being read whole.
func TestHugeRecordInArray(t *testing.T) {
	huge := "[{\"name\":\"a\"},\n{\"name\":\"" + strings.Repeat("x", 8<<20) + "\"},{\"name\":\"b\"}]"
	var rej []Rejected
	var got int
	rr := Reader[rec]{MaxRecordBytes: 1 << 20, Reject: func(r Rejected) { rej = append(rej, r) }}
	c := &countingReader{r: strings.NewReader(huge)}
	if err := rr.Read(context.Background(), "f", c, func(*rec, At) error { got++; return nil }); err != nil {
		t.Fatal(err)
	}
	if got != 1 || len(rej) != 1 || rej[0].Line != 1 || rej[0].Offset != 13 || !strings.Contains(rej[0].Reason, "the record after this point is longer than") {
		t.Errorf("%d records, rejected %+v", got, rej)
	}
	if c.n > 3<<20 {
		t.Errorf("read %d bytes of an 8 MiB record with a 1 MiB bound", c.n)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("{\"records\":[{\"name\":\"a\"},{}]}"))
	f.Add([]byte("[{\"name\":\"a\"}]"))
	f.Add([]byte("{\"name\":\"a\"}\n{\"name\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rr := Reader[rec]{Reject: func(r Rejected) {
			if r.Line < 1 || r.Reason == "" {
				t.Fatalf("rejected without place or reason: %+v", r)
			}
		}}
		err := rr.Read(context.Background(), "f", bytes.NewReader(data), func(r *rec, at At) error {
			if at.Line < 1 || at.Offset < 0 || at.Offset >= int64(len(data)) {
				t.Fatalf("record at %+v of %d bytes", at, len(data))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestOpen: a .gz file that is not gzip is ErrNotGzip; every file is read
// to its bound and no further.
func TestOpen(t *testing.T) {
	fsys := fstest.MapFS{"a.log.gz": {Data: []byte("plain text")}, "b.log": {Data: []byte("0123456789")}}
	if _, _, err := Open(fsys, "a.log.gz", 0); !errors.Is(err, ErrNotGzip) {
		t.Errorf("not gzip: %v", err)
	}
	r, closeFn, err := Open(fsys, "b.log", 4)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	if b, err := io.ReadAll(r); string(b) != "0123" || !errors.Is(err, ErrFileTooLarge) {
		t.Errorf("bounded read: %q, %v", b, err)
	}
}
