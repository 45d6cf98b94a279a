// Package read streams the records of dataset files: CSV and TSV, JSON,
// JSON Lines and Parquet, each optionally gzip-, zstd- or
// bzip2-compressed. Records are handed over one at a time; memory is
// bounded by the longest line or the largest Parquet page, never by the
// file.
package read

import (
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"syscall"

	"github.com/klauspost/compress/zstd"
)

// Format is a dataset file format.
type Format string

// The formats.
const (
	CSV     Format = "csv"
	TSV     Format = "tsv"
	JSON    Format = "json"
	JSONL   Format = "jsonl"
	Parquet Format = "parquet"
)

// Cell is one value of a record: a CSV column, or the path of a JSON value
// (user.emails[]).
type Cell struct {
	Column string
	Value  string
}

// Record is one row, line or object. Its Cells may be reused for the next
// record once the callback returns: copy what you keep.
type Record struct {
	Cells []Cell
	// Line is where the record starts in the file (CSV, TSV, JSON Lines;
	// for gzip and other compressed files, in the decompressed text), or
	// 0; RowGroup and Row locate a Parquet row.
	Line     int
	RowGroup int
	Row      int64
}

// Limits bound reading one file.
type Limits struct {
	MaxLine     int   // bytes of one line (CSV, TSV, JSON Lines) or JSON value
	MaxBytes    int64 // bytes read from a file after decompression
	MaxRecords  int64 // records read from a file; 0 for all
	MaxBadLines int   // malformed lines tolerated before the file is abandoned
}

// DefaultLimits read every record of files of any size, a line up to
// 64 MiB.
var DefaultLimits = Limits{MaxLine: 64 << 20, MaxBytes: 1 << 40, MaxBadLines: 100}

// Info is what reading a file found besides its records.
type Info struct {
	Format     Format
	Compressed string // gzip, zstd, bzip2, or ""
	Columns    []string
	Records    int64
	Bytes      int64 // read, after decompression
	Ragged     int64 // CSV rows with another number of fields than the header
	BadLines   int   // lines that could not be read and were skipped
	InvalidUTF bool  // the text held invalid UTF-8 (read with replacement characters)
	Truncated  bool  // reading stopped at MaxRecords
}

// Error is a file that could not be read (or read to its end), with where.
type Error struct {
	Line     int // 1-based, or 0
	RowGroup int // -1 when not a Parquet position
	Msg      string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	case e.RowGroup >= 0:
		return fmt.Sprintf("row group %d: %s", e.RowGroup, e.Msg)
	}
	return e.Msg
}

func errAt(line int, format string, args ...any) *Error {
	return &Error{Line: line, RowGroup: -1, Msg: fmt.Sprintf(format, args...)}
}

// Detect tells a dataset file's format and compression from its name; ok
// is false for files that are not datasets (images, model weights).
func Detect(name string) (f Format, compressed string, ok bool) {
	base := strings.ToLower(path.Base(name))
	switch {
	case strings.HasSuffix(base, ".gz"):
		compressed, base = "gzip", strings.TrimSuffix(base, ".gz")
	case strings.HasSuffix(base, ".zst"):
		compressed, base = "zstd", strings.TrimSuffix(base, ".zst")
	case strings.HasSuffix(base, ".bz2"):
		compressed, base = "bzip2", strings.TrimSuffix(base, ".bz2")
	}
	switch path.Ext(base) {
	case ".csv":
		return CSV, compressed, true
	case ".tsv", ".tab":
		return TSV, compressed, true
	case ".json":
		return JSON, compressed, true
	case ".jsonl", ".ndjson":
		return JSONL, compressed, true
	case ".parquet":
		return Parquet, compressed, compressed == ""
	}
	return "", "", false
}

// ErrNotDataset is returned for a file Detect does not recognise.
var ErrNotDataset = errors.New("not a dataset file")

// File reads the records of the dataset file at p, handing each to fn;
// an error from fn stops reading and is returned.
func File(ctx context.Context, p string, lim Limits, fn func(Record) error) (Info, error) {
	format, comp, ok := Detect(p)
	if !ok {
		return Info{}, ErrNotDataset
	}
	info := Info{Format: format, Compressed: comp}
	// Checked before opening: opening a named pipe waits for a writer.
	if st, err := os.Stat(p); err != nil {
		return info, err
	} else if !st.Mode().IsRegular() {
		return info, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return info, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return info, err
	}
	if !st.Mode().IsRegular() { // replaced between the two looks
		return info, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	if format == Parquet {
		return parquetFile(ctx, p, lim, info, fn)
	}
	r, closeFn, err := decompress(f, comp)
	if err != nil {
		return info, err
	}
	defer closeFn()
	cr := &countingReader{r: r, max: lim.MaxBytes, compressed: st.Size(), kind: comp}
	switch format {
	case CSV, TSV:
		err = csvRecords(ctx, cr, format, lim, &info, fn)
	case JSONL:
		err = jsonLines(ctx, cr, lim, &info, fn)
	case JSON:
		err = jsonDoc(ctx, cr, lim, &info, fn)
	}
	info.Bytes = cr.n
	return info, err
}

func decompress(r io.Reader, kind string) (io.Reader, func(), error) {
	switch kind {
	case "gzip":
		z, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		return z, func() { z.Close() }, nil
	case "zstd":
		// One decoder goroutine and a bounded window: a frame asking for
		// a huge window is refused instead of allocated.
		z, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(128<<20), zstd.WithDecoderMaxMemory(256<<20))
		if err != nil {
			return nil, nil, fmt.Errorf("zstd: %w", err)
		}
		return z, z.Close, nil
	case "bzip2":
		return bzip2.NewReader(r), func() {}, nil
	}
	return r, func() {}, nil
}

// bombRatio is the decompression ratio past which a file is a bomb rather
// than text (text compresses about 3-10x; highly repetitive logs 100x).
const bombRatio = 1000

// countingReader counts what is read after decompression and stops at the
// bound, or at a ratio no dataset has.
type countingReader struct {
	r          io.Reader
	n, max     int64
	compressed int64
	kind       string
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.max > 0 && c.n > c.max {
		return n, fmt.Errorf("more than %d bytes after decompression", c.max)
	}
	if c.kind != "" && c.n > 64<<20 && c.n > bombRatio*max(c.compressed, 1) {
		return n, fmt.Errorf("%s expands more than %dx (%d bytes from %d): a decompression bomb", c.kind, bombRatio, c.n, c.compressed)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("%s: %w", cmpName(c.kind), err)
	}
	return n, err
}

func cmpName(kind string) string {
	if kind == "" {
		return "read"
	}
	return kind
}
