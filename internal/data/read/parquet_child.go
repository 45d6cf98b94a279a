package read

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mlguard/mlguard/internal/childproc"
)

// Parquet files are decoded in a child process (internal/childproc): fuzzing
// showed corrupt pages that make parquet-go allocate or loop without bound,
// which no check of the file's metadata catches. The child streams the
// records back, one JSON line each, and ends with what reading found.

const parquetChild = "parquet-read"

// ParquetLimits bound the decoding of one Parquet file.
var ParquetLimits = childproc.Limits{Timeout: time.Hour, MaxMemory: 1 << 30}

// parquetRequest is what the child is asked to read.
type parquetRequest struct {
	Path   string `json:"path"`
	Limits Limits `json:"limits"`
}

// parquetMsg is one line of the child's answer: a record, or the end.
type parquetMsg struct {
	R    *Record `json:"r,omitempty"`
	Done *struct {
		Info  Info   `json:"info"`
		Error *Error `json:"error,omitempty"`
	} `json:"done,omitempty"`
}

func init() {
	childproc.Register(parquetChild, func(in io.Reader, out io.Writer) error {
		var req parquetRequest
		if err := json.NewDecoder(in).Decode(&req); err != nil {
			return fmt.Errorf("reading the request: %w", err)
		}
		f, err := os.Open(req.Path)
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(out, 256<<10)
		enc := json.NewEncoder(w)
		info, err := parquetDecode(context.Background(), f, st.Size(), req.Limits, Info{Format: Parquet}, func(r Record) error {
			return enc.Encode(parquetMsg{R: &r})
		})
		end := parquetMsg{Done: &struct {
			Info  Info   `json:"info"`
			Error *Error `json:"error,omitempty"`
		}{Info: info}}
		if err != nil {
			var re *Error
			if !errors.As(err, &re) {
				re = &Error{RowGroup: -1, Msg: err.Error()}
			}
			end.Done.Error = re
		}
		if err := enc.Encode(end); err != nil {
			return err
		}
		return w.Flush()
	})
}

// parquetFile reads a Parquet file through the child process.
func parquetFile(ctx context.Context, path string, lim Limits, info Info, fn func(Record) error) (Info, error) {
	body, err := json.Marshal(parquetRequest{Path: path, Limits: lim})
	if err != nil {
		return info, err
	}
	p, err := childproc.Start(ctx, parquetChild, bytes.NewReader(body), ParquetLimits)
	if err != nil {
		return info, err
	}
	dec := json.NewDecoder(bufio.NewReaderSize(p.Stdout, 256<<10))
	var result error
	done := false
	for !done {
		var m parquetMsg
		if err := dec.Decode(&m); err != nil {
			if !errors.Is(err, io.EOF) {
				p.Kill("sent an answer that is not JSON")
			}
			break
		}
		switch {
		case m.R != nil:
			if err := fn(*m.R); err != nil {
				p.Kill("stopped by the reader")
				result = err
				done = true
			}
		case m.Done != nil:
			done = true
			records := info.Records
			info = m.Done.Info
			info.Records = max(info.Records, records)
			if m.Done.Error != nil {
				result = m.Done.Error
			}
		}
	}
	if werr := p.Wait(); werr != nil && result == nil {
		var be *childproc.BoundError
		if errors.As(werr, &be) {
			return info, &Error{RowGroup: -1, Msg: "decoding " + be.Reason + " (a corrupt file?)"}
		}
		return info, &Error{RowGroup: -1, Msg: fmt.Sprintf("decoding failed: %v", werr)}
	}
	if !done && result == nil {
		return info, &Error{RowGroup: -1, Msg: "the decoder ended without an answer"}
	}
	return info, result
}
