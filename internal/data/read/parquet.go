package read

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// parquetRows is how many rows are decoded at a time.
const parquetRows = 256

// parquetDecode reads a Parquet file row group by row group, a batch of
// rows at a time: memory is bounded by the pages of the columns being read,
// not by the file. Columns are named by their path (user.address.city); a
// corrupt row group is an error at that row group. It runs in a child
// process (parquetFile), as a corrupt page can make the decoder allocate or
// work without bound.
func parquetDecode(ctx context.Context, f io.ReaderAt, size int64, lim Limits, info Info, fn func(Record) error) (out Info, err error) {
	defer func() {
		// The decoder is fed files it was not written for; a panic in it
		// is this file's error.
		if p := recover(); p != nil {
			out, err = info, &Error{RowGroup: -1, Msg: fmt.Sprintf("corrupt Parquet file: %v", p)}
		}
	}()
	pf, err := parquet.OpenFile(f, size, parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return info, &Error{RowGroup: -1, Msg: fmt.Sprintf("not a Parquet file: %v", err)}
	}
	if err := checkChunks(pf, size); err != nil {
		return info, err
	}
	paths := pf.Schema().Columns()
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = strings.Join(p, ".")
	}
	info.Columns = names
	info.Bytes = size
	buf := make([]parquet.Row, parquetRows)
	var row int64
	for g, rg := range pf.RowGroups() {
		rows := rg.Rows()
		for {
			if err := ctx.Err(); err != nil {
				rows.Close()
				return info, err
			}
			n, rerr := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				rec := Record{RowGroup: g, Row: row, Cells: make([]Cell, 0, len(r))}
				row++
				for _, v := range r {
					if v.IsNull() || v.Column() < 0 || v.Column() >= len(names) {
						continue
					}
					s := valueText(v)
					if s == "" {
						continue
					}
					if !utf8.ValidString(s) {
						info.InvalidUTF = true
						s = strings.ToValidUTF8(s, "\uFFFD")
					}
					rec.Cells = append(rec.Cells, Cell{Column: names[v.Column()], Value: s})
				}
				info.Records++
				if err := fn(rec); err != nil {
					rows.Close()
					return info, err
				}
				if lim.MaxRecords > 0 && info.Records >= lim.MaxRecords {
					info.Truncated = true
					rows.Close()
					return info, nil
				}
			}
			if errors.Is(rerr, io.EOF) {
				break
			}
			if rerr != nil {
				rows.Close()
				return info, &Error{RowGroup: g, Msg: fmt.Sprintf("corrupt row group: %v", rerr)}
			}
		}
		rows.Close()
	}
	return info, nil
}

// maxChunkBytes bounds the decoded size a column chunk may claim: the
// decoder sizes buffers from these claims, so a corrupt file claiming
// gigabytes is refused before anything is allocated.
const maxChunkBytes = 1 << 30

// checkChunks refuses a file whose column chunks claim more bytes than the
// file holds, or more than maxChunkBytes decoded.
func checkChunks(pf *parquet.File, size int64) error {
	for g, rg := range pf.Metadata().RowGroups {
		for _, c := range rg.Columns {
			m := c.MetaData
			if m.TotalCompressedSize < 0 || m.TotalCompressedSize > size || m.DataPageOffset < 0 || m.DataPageOffset > size ||
				m.TotalUncompressedSize < 0 || m.TotalUncompressedSize > maxChunkBytes {
				return &Error{RowGroup: g, Msg: fmt.Sprintf("corrupt Parquet file: column chunk %s claims %d bytes (%d compressed) in a file of %d",
					strings.Join(m.PathInSchema, "."), m.TotalUncompressedSize, m.TotalCompressedSize, size)}
			}
		}
	}
	return nil
}

// valueText is a value as text: byte arrays as they are (strings), other
// kinds as parquet-go prints them.
func valueText(v parquet.Value) string {
	switch v.Kind() {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray())
	}
	return v.String()
}
