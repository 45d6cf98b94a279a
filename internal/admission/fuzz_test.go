package admission

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzCheckShape: any bytes either pass the shape check or are refused with
// an error; never a panic, and an object the check passes is within its
// bounds.
func FuzzCheckShape(f *testing.F) {
	f.Add([]byte(`{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"c","image":"i"}]}}`))
	f.Add([]byte(`{"image":"a","x":[{"image":"b"},"image",{"k":{"image":1}}]}`))
	f.Add([]byte(strings.Repeat("[", 100) + strings.Repeat("]", 100)))
	f.Add([]byte(`{"a":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if checkShape(data, 8, 3) != nil || !json.Valid(data) {
			return
		}
		// Passed: count what it bounds another way.
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		depth, images := measureShape(v, 0)
		if depth > 8 || images > 3 {
			t.Fatalf("passed with depth %d and %d images: %s", depth, images, data)
		}
	})
}

func measureShape(v any, d int) (depth, images int) {
	depth = d
	switch t := v.(type) {
	case map[string]any:
		depth = d + 1
		for k, x := range t {
			if k == "image" {
				images++
			}
			cd, ci := measureShape(x, d+1)
			depth, images = max(depth, cd), images+ci
		}
	case []any:
		depth = d + 1
		for _, x := range t {
			cd, ci := measureShape(x, d+1)
			depth, images = max(depth, cd), images+ci
		}
	}
	return depth, images
}
