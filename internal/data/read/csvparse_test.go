package read

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzCSVParity: the fast reader reads what encoding/csv reads: the same
// records from the same lines, and the first malformed record at the same
// line with the same error.
func FuzzCSVParity(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a,\"b\nc\",d\n\n\"x\"\"y\",z\r\n", "a,\"x\"y\n2,3\n", "a\"b,c\n", "\"open\nstill\n", "a,b,\n,\n",
		"\"a\",\"b\"\n\"\",\"\"\n", "x\r\ny\r\n", "\r\n\r\na\n", "\"a\r\nb\",c\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref := csv.NewReader(strings.NewReader(s))
		ref.FieldsPerRecord = -1
		// Half the inputs come a byte at a time, so that lines and quoted
		// fields cross every boundary of the chunks.
		var in io.Reader = strings.NewReader(s)
		if len(s)%2 == 1 {
			in = iotest.OneByteReader(in)
		}
		fast, err := newCSVReader(in, TSV, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		fast.comma = ','
		for n := 0; ; n++ {
			want, werr := ref.Read()
			wline := 0
			if werr == nil {
				wline, _ = ref.FieldPos(0)
			}
			got, gline, gerr := fast.read()
			var wpe, gpe *csv.ParseError
			switch {
			case errors.Is(werr, io.EOF):
				if !errors.Is(gerr, io.EOF) {
					t.Fatalf("record %d: encoding/csv ended, got %q at line %d (%v)", n, got, gline, gerr)
				}
				return
			case errors.As(werr, &wpe):
				if !errors.As(gerr, &gpe) || gpe.StartLine != wpe.StartLine || !errors.Is(gpe.Err, wpe.Err) {
					t.Fatalf("record %d: encoding/csv %v, got %v", n, werr, gerr)
				}
				return // where each goes on after an error may differ
			case werr != nil:
				t.Fatal(werr)
			}
			if gerr != nil || !slices.Equal(got, want) || gline != wline {
				t.Fatalf("record %d: encoding/csv %q at line %d, got %q at line %d (%v)", n, want, wline, got, gline, gerr)
			}
		}
	})
}

// TestCSVChunks: records longer than a chunk, and many chunks, read as
// they are written, with their lines.
func TestCSVChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,text\n")
	long := strings.Repeat("x", 3*chunkSize)
	for i := range 5000 {
		switch i % 1000 {
		case 7:
			fmt.Fprintf(&b, "%d,%s\n", i, long)
		case 8:
			fmt.Fprintf(&b, "%d,\"%s\n%s\"\r\n", i, long, long)
		default:
			fmt.Fprintf(&b, "%d,row %d\n", i, i)
		}
	}
	recs, info, err := readAll(t, write(t, "chunks.csv", []byte(b.String())), DefaultLimits)
	if err != nil || info.Records != 5000 {
		t.Fatalf("%v, %d records", err, info.Records)
	}
	line := 2
	for i, r := range recs {
		want := fmt.Sprintf("row %d", i)
		switch i % 1000 {
		case 7:
			want = long
		case 8:
			want = long + "\n" + long
		}
		if r.Line != line || r.Cells[1].Value != want {
			t.Fatalf("record %d at line %d (want %d), %d bytes", i, r.Line, line, len(r.Cells[1].Value))
		}
		line++
		if i%1000 == 8 {
			line++
		}
	}
}
