package admission

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// checkShape refuses objects no real workload has, before they are parsed
// into a tree: JSON nested deeper than maxDepth, or more than maxContainers
// "image" keys (a pod with 42,000 containers takes far longer to judge than
// the API server waits, and judging it late must not mean admitting it).
// It reads the object as a stream of tokens, in time and memory linear in
// its size.
func checkShape(obj []byte, maxDepth, maxContainers int) error {
	dec := json.NewDecoder(bytes.NewReader(obj))
	depth, images := 0, 0
	key := true      // whether the next string in an object is a key
	var stack []bool // per open object or array: is it an object
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("cannot read the object: %w", err)
		}
		inObject := len(stack) > 0 && stack[len(stack)-1]
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if depth++; depth > maxDepth {
					return fmt.Errorf("the object nests deeper than %d levels", maxDepth)
				}
				stack = append(stack, t == '{')
				key = t == '{'
				continue
			default:
				depth--
				stack = stack[:len(stack)-1]
			}
		case string:
			if inObject && key {
				if t == "image" {
					if images++; images > maxContainers {
						return fmt.Errorf("the object has more than %d containers", maxContainers)
					}
				}
				key = false
				continue
			}
		}
		key = len(stack) > 0 && stack[len(stack)-1] // after a value, an object expects a key
	}
}

// bound keeps an answer within what the API server passes on: at most
// maxWarnings warnings of maxWarningBytes each, and a message of at most
// maxMessageBytes.
func bound(r *response) {
	if len(r.Warnings) > maxWarnings {
		more := len(r.Warnings) - maxWarnings + 1
		r.Warnings = append(r.Warnings[:maxWarnings-1], fmt.Sprintf("... and %d more findings", more))
	}
	for i, w := range r.Warnings {
		r.Warnings[i] = cut(w, maxWarningBytes)
	}
	if r.Status != nil {
		r.Status.Message = cut(r.Status.Message, maxMessageBytes)
	}
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n-3], "") + "..."
}
