package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// streamed stands in the document for the array streamJSON writes element by
// element; it is a JSON string no real value takes.
var streamed = json.RawMessage(`"\u0000mlguard-streamed-array"`)

// streamJSON writes v as json.Encoder does with two-space indentation and no
// HTML escaping, except that the streamed placeholder inside v becomes an
// array of n elements, each made by elem and encoded on its own. A report of
// tens of thousands of findings is never held encoded whole, nor converted
// whole into another type.
func streamJSON(w io.Writer, v any, n int, elem func(i int) any) error {
	doc, err := encode(v, "")
	if err != nil {
		return err
	}
	at := bytes.Index(doc, streamed)
	if at < 0 {
		return fmt.Errorf("stream: no placeholder in the document")
	}
	lineStart := bytes.LastIndexByte(doc[:at], '\n') + 1
	indent := string(doc[lineStart : lineStart+len(doc[lineStart:at])-len(bytes.TrimLeft(doc[lineStart:at], " "))])
	if _, err := w.Write(doc[:at]); err != nil {
		return err
	}
	if n == 0 {
		if _, err := io.WriteString(w, "[]"); err != nil {
			return err
		}
	} else {
		if _, err := io.WriteString(w, "[\n"); err != nil {
			return err
		}
		for i := range n {
			e, err := encode(elem(i), indent+"  ")
			if err != nil {
				return err
			}
			sep := ",\n"
			if i == n-1 {
				sep = "\n"
			}
			if _, err := fmt.Fprintf(w, "%s  %s%s", indent, bytes.TrimSuffix(e, []byte("\n")), sep); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, indent+"]"); err != nil {
			return err
		}
	}
	_, err = w.Write(doc[at+len(streamed):])
	return err
}

// encode is json.Encoder's output for v with the given line prefix.
func encode(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
