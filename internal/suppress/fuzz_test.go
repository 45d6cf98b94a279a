package suppress

import (
	"testing"
	"time"
)

// FuzzReaders: baselines and inline comments of any content are read or
// refused without panicking, and a lookup beyond the file is harmless.
func FuzzReaders(f *testing.F) {
	f.Add([]byte(`{"version": 1, "fingerprints": ["abc"]}`), "# mlguard:ignore AWS-SAGEMAKER-001 exp:2027-01-01 accepted\nresource \"x\" \"y\" {}\n")
	f.Add([]byte(`[`), "// mlguard:ignore a,b,,c exp:9999-99-99\n")
	f.Fuzz(func(t *testing.T, baseline []byte, source string) {
		if b, err := ParseBaseline(baseline); err == nil {
			_ = b.Contains("abc")
		}
		in := NewInline([]byte(source))
		for _, line := range []int{-1, 0, 1, 2, 3, 1 << 20} {
			_ = in.Find("AWS-SAGEMAKER-001", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), line)
		}
	})
}
