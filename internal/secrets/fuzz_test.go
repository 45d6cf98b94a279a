package secrets

import (
	"strings"
	"testing"
)

// FuzzText: scanning any text for secrets terminates and never shows a
// value it found unredacted.
func FuzzText(f *testing.F) {
	f.Add("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh\n")
	f.Add("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----")
	f.Add("PASSWORD=\"hunter2\" token: sk-proj-abcdefghijklmnopqrstuvwx")
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range Text(text) {
			if len(m.Redacted) > 8 && !strings.Contains(m.Redacted, "*") {
				t.Fatalf("unredacted: %q", m.Redacted)
			}
		}
		_, _ = Value("API_KEY", text)
	})
}
