package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestStreamJSONMatchesEncoder: streaming an array gives the bytes that
// encoding the whole document gives, for empty and nested arrays.
func TestStreamJSONMatchesEncoder(t *testing.T) {
	type item struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	items := []item{{"a <b>", []string{"x"}}, {"c", nil}}
	for _, n := range []int{0, 1, 2} {
		whole := map[string]any{"before": 1, "outer": map[string]any{"items": items[:n], "z": true}, "zafter": "x"}
		want, err := encode(whole, "")
		if err != nil {
			t.Fatal(err)
		}
		doc := map[string]any{"before": 1, "outer": map[string]any{"items": streamed, "z": true}, "zafter": "x"}
		var got bytes.Buffer
		if err := streamJSON(&got, doc, n, func(i int) any { return items[i] }); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			// An empty slice encodes as []; a nil one would be null.
			want = bytes.Replace(want, []byte(`"items": null`), []byte(`"items": []`), 1)
		}
		if !bytes.Equal(got.Bytes(), want) || !json.Valid(got.Bytes()) {
			t.Errorf("%d items:\ngot  %s\nwant %s", n, got.Bytes(), want)
		}
	}
}
