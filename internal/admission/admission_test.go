package admission_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/admission"
	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/policy"
	"github.com/mlguard/mlguard/internal/rule"
	_ "github.com/mlguard/mlguard/internal/rules/all"
)

// webhook starts the webhook over TLS on loopback and returns its URL and a
// client that trusts its certificate.
func webhook(t *testing.T, cfg admission.Config) (string, *http.Client) {
	t.Helper()
	dir := t.TempDir()
	pool := selfSigned(t, filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		cert, err := admission.LoadCertificate(filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key"))
		if err != nil {
			done <- err
			return
		}
		done <- admission.Serve(ctx, ln, admission.New(cfg), admission.TLS{Cert: cert}, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	return "https://" + ln.Addr().String(), client
}

func selfSigned(t *testing.T, certFile, keyFile string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mlguard-webhook"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

// reviewOf wraps an object in an AdmissionReview.
func reviewOf(op, kind, ns, object string) string {
	return fmt.Sprintf(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1","kind":{"group":"","version":"v1","kind":%q},"namespace":%q,"name":"x","operation":%q,"userInfo":{"username":"alice"},"object":%s}}`,
		kind, ns, op, object)
}

type verdict struct {
	status   int
	allowed  bool
	message  string
	warnings []string
	body     string
}

func post(t *testing.T, url string, c *http.Client, body string) verdict {
	t.Helper()
	resp, err := c.Post(url+"/validate", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	v := verdict{status: resp.StatusCode, body: string(b)}
	if resp.StatusCode != http.StatusOK {
		return v
	}
	var rv struct {
		APIVersion string
		Response   struct {
			UID      string
			Allowed  bool
			Warnings []string
			Status   struct{ Message string }
		}
	}
	if err := json.Unmarshal(b, &rv); err != nil || rv.Response.UID != "u-1" || rv.APIVersion == "" {
		t.Fatalf("bad answer %s (%v)", b, err)
	}
	v.allowed, v.message, v.warnings = rv.Response.Allowed, rv.Response.Status.Message, rv.Response.Warnings
	return v
}

const (
	privilegedPod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"vllm/vllm-openai:v0.6.3","securityContext":{"privileged":true}}]}}`
	hardenedPod   = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"models"},"spec":{"serviceAccountName":"server","automountServiceAccountToken":false,"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","image":"registry.ml.example.com/mirror/vllm-openai:v0.6.3@sha256:4f2f1d7e0e8b9c3a5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4","resources":{"limits":{"cpu":"1","memory":"1Gi"}},"securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}}]}}`
	openRay       = `{"apiVersion":"ray.io/v1","kind":"RayCluster","metadata":{"name":"r"},"spec":{"headGroupSpec":{"serviceType":"LoadBalancer","template":{"spec":{"containers":[{"name":"head","image":"rayproject/ray:2.52.0"}]}}}}}`
	publicISVC    = `{"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService","metadata":{"name":"m"},"spec":{"predictor":{"sklearn":{"storageUri":"s3://m/a"}}}}`
	notebook      = `{"apiVersion":"kubeflow.org/v1","kind":"Notebook","metadata":{"name":"nb"},"spec":{"template":{"spec":{"serviceAccountName":"default-editor","containers":[{"name":"nb","image":"jupyter:1"}]}}}}`
)

func TestReviews(t *testing.T) {
	url, c := webhook(t, admission.Config{Rules: rule.All()})
	tests := []struct {
		name, body string
		allowed    bool
		message    []string // in the denial
		warning    string   // in a warning
	}{
		{"privileged pod denied", reviewOf("CREATE", "Pod", "models", privilegedPod), false, []string{"K8S-POD-001", "runs privileged"}, "K8S-POD-002"},
		{"hardened pod admitted", reviewOf("CREATE", "Pod", "models", hardenedPod), true, nil, ""},
		{"exposed Ray cluster denied", reviewOf("UPDATE", "RayCluster", "ml", openRay), false, []string{"K8S-RAY-001", "K8S-RAY-002"}, ""},
		{"public InferenceService denied", reviewOf("CREATE", "InferenceService", "ml", publicISVC), false, []string{"K8S-KSERVE-001", "InferenceService/ml/m"}, ""},
		{"notebook warned only", reviewOf("CREATE", "Notebook", "team", notebook), true, nil, "K8S-KUBEFLOW-001"},
		{"delete not judged", reviewOf("DELETE", "Pod", "models", privilegedPod), true, nil, ""},
		{"v1beta1 answered", strings.Replace(reviewOf("CREATE", "Pod", "m", privilegedPod), "admission.k8s.io/v1", "admission.k8s.io/v1beta1", 1), false, []string{"K8S-POD-001"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := post(t, url, c, tc.body)
			if v.status != http.StatusOK || v.allowed != tc.allowed {
				t.Fatalf("status %d allowed %v, want allowed %v: %s", v.status, v.allowed, tc.allowed, v.body)
			}
			for _, m := range tc.message {
				if !strings.Contains(v.message, m) {
					t.Errorf("denial %q lacks %q", v.message, m)
				}
			}
			if tc.warning != "" && !strings.Contains(strings.Join(v.warnings, "\n"), tc.warning) {
				t.Errorf("warnings %q lack %q", v.warnings, tc.warning)
			}
			if tc.allowed && tc.warning == "" && len(v.warnings) > 0 {
				t.Errorf("unexpected warnings %q", v.warnings)
			}
		})
	}
	// The namespace-wide rule is not run on single objects.
	for _, r := range admission.New(admission.Config{Rules: rule.All()}).Rules() {
		if r.CrossObject || r.Provider != "kubernetes" {
			t.Errorf("the webhook runs %s", r.ID)
		}
	}
}

func TestBadRequests(t *testing.T) {
	url, c := webhook(t, admission.Config{Rules: rule.All(), MaxRequestBytes: 64 << 10})
	huge := reviewOf("CREATE", "Pod", "m", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"a":"`+strings.Repeat("x", 100<<10)+`"}}}`)
	tests := []struct {
		name, body string
		status     int
		allowed    bool
		text       string
	}{
		{"not JSON", "{not json", http.StatusBadRequest, false, "not an AdmissionReview"},
		{"wrong apiVersion", `{"apiVersion":"v1","kind":"AdmissionReview","request":{"uid":"u-1"}}`, http.StatusBadRequest, false, "apiVersion"},
		{"no uid", `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}}`, http.StatusBadRequest, false, "no request uid"},
		{"oversized", huge, http.StatusRequestEntityTooLarge, false, "larger than"},
		{"object not an object: fails closed", reviewOf("CREATE", "Pod", "m", `[1,2]`), http.StatusOK, false, "fails closed"},
		{"no object: fails closed", reviewOf("CREATE", "Pod", "m", `null`), http.StatusOK, false, "fails closed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := post(t, url, c, tc.body)
			if v.status != tc.status || v.allowed != tc.allowed || !strings.Contains(v.body, tc.text) {
				t.Errorf("status %d allowed %v body %q; want %d %v %q", v.status, v.allowed, v.body, tc.status, tc.allowed, tc.text)
			}
		})
	}
	resp, err := c.Get(url + "/validate")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /validate: %d", resp.StatusCode)
	}
}

// slow is a rule that takes until its context ends (a runaway custom policy).
var slow = &rule.Rule{Metadata: rule.Metadata{ID: "ORG-SLOW-001", Severity: rule.Low, Provider: "kubernetes"},
	Eval: func(ctx context.Context, _ *rule.Input) ([]rule.Result, error) { <-ctx.Done(); return nil, ctx.Err() }}

// stuck ignores its context, as a Go rule would.
var stuck = &rule.Rule{Metadata: rule.Metadata{ID: "ORG-STUCK-001", Severity: rule.Low, Provider: "kubernetes"},
	Check: func(*rule.Input) []rule.Result { time.Sleep(2 * time.Second); return nil }}

var broken = &rule.Rule{Metadata: rule.Metadata{ID: "ORG-BROKEN-001", Severity: rule.Low, Provider: "kubernetes"},
	Check: func(*rule.Input) []rule.Result { panic("boom") }}

func TestFailureModes(t *testing.T) {
	tests := []struct {
		name     string
		r        *rule.Rule
		failOpen bool
		allowed  bool
		text     string
	}{
		{"slow policy, fail closed (the default)", slow, false, false, "longer than"},
		{"slow policy, fail open", slow, true, true, "longer than"},
		{"stuck Go rule, fail closed", stuck, false, false, "longer than"},
		{"panicking rule, fail closed", broken, false, false, "internal error: boom"},
		{"panicking rule, fail open", broken, true, true, "internal error: boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url, c := webhook(t, admission.Config{Rules: []*rule.Rule{tc.r}, FailOpen: tc.failOpen, Timeout: 200 * time.Millisecond})
			v := post(t, url, c, reviewOf("CREATE", "Pod", "m", hardenedPod))
			got := v.message + strings.Join(v.warnings, "")
			if v.allowed != tc.allowed || !strings.Contains(got, tc.text) {
				t.Errorf("allowed %v, %q; want %v, %q", v.allowed, got, tc.allowed, tc.text)
			}
		})
	}
}

func TestModesAndSettings(t *testing.T) {
	settings, err := config.Parse(".mlguard.yaml", []byte("severity_overrides:\n  K8S-POD-001: LOW\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		cfg      admission.Config
		allowed  bool
		warnings bool
	}{
		{"warn mode admits with warnings", admission.Config{Mode: admission.Warn}, true, true},
		{"dry run admits silently", admission.Config{Mode: admission.DryRun}, true, false},
		{"exempt namespace", admission.Config{ExemptNamespaces: []string{"models"}}, true, false},
		{"deny threshold above the findings", admission.Config{DenySeverity: rule.Critical, Settings: settings}, true, true},
		{"critical threshold still denies", admission.Config{DenySeverity: rule.Critical}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Rules = rule.All()
			url, c := webhook(t, tc.cfg)
			v := post(t, url, c, reviewOf("CREATE", "Pod", "models", privilegedPod))
			if v.allowed != tc.allowed || (len(v.warnings) > 0) != tc.warnings {
				t.Errorf("allowed %v warnings %q; want %v, warnings %v", v.allowed, v.warnings, tc.allowed, tc.warnings)
			}
		})
	}
}

func TestHealthAndMetrics(t *testing.T) {
	url, c := webhook(t, admission.Config{Rules: rule.All()})
	post(t, url, c, reviewOf("CREATE", "Pod", "m", privilegedPod))
	post(t, url, c, "garbage")
	for path, want := range map[string][]string{
		"/healthz": {"ok"},
		"/readyz":  {"ok"},
		"/metrics": {`mlguard_admission_reviews_total{verdict="denied"} 1`, `mlguard_admission_refused_total{reason="malformed"} 1`,
			`mlguard_admission_findings_total{rule="K8S-POD-001"} 1`, "mlguard_admission_review_seconds_count 1"},
	} {
		resp, err := c.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, w := range want {
			if resp.StatusCode != http.StatusOK || !bytes.Contains(b, []byte(w)) {
				t.Errorf("GET %s: %d %q lacks %q", path, resp.StatusCode, b, w)
			}
		}
	}
}

// TestCustomPolicies: Rego policies judge admitted objects like built-in
// rules; the example policy requires images of the approved registry.
func TestCustomPolicies(t *testing.T) {
	set, err := policy.Load(context.Background(), os.DirFS("../../examples/policies"), ".", policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	url, c := webhook(t, admission.Config{Rules: set.Rules})
	deploy := func(image string) string {
		return reviewOf("CREATE", "Deployment", "ml", `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"llm"},"spec":{"template":{"spec":{"containers":[{"name":"vllm","image":"`+image+`"}]}}}}`)
	}
	if v := post(t, url, c, deploy("vllm/vllm-openai:v0.6.3")); v.allowed || !strings.Contains(v.message, "ORG-K8S-001") {
		t.Errorf("foreign image: allowed %v, %q", v.allowed, v.message)
	}
	if v := post(t, url, c, deploy("registry.internal.example.com/vllm:v0.6.3")); !v.allowed {
		t.Errorf("approved image denied: %q", v.message)
	}
}

// BenchmarkReview judges one InferenceService review through the handler
// (no TLS): the webhook's own share of an admission call.
func BenchmarkReview(b *testing.B) {
	srv := admission.New(admission.Config{Rules: rule.All()})
	body := []byte(reviewOf("CREATE", "InferenceService", "ml", publicISVC))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/validate", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// syncBuffer is a log destination the server writes from its goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestHandshakeErrorsAreJSON: a caller that does not speak TLS is logged
// as a JSON line like every other log line, not as Go's plain log text.
func TestHandshakeErrorsAreJSON(t *testing.T) {
	dir := t.TempDir()
	selfSigned(t, filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key"))
	cert, err := admission.LoadCertificate(filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key"))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- admission.Serve(ctx, ln, admission.New(admission.Config{}), admission.TLS{Cert: cert}, slog.New(slog.NewJSONHandler(&logs, nil)))
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	io.Copy(io.Discard, conn) // the server answers plain HTTP with a 400 and closes
	conn.Close()
	for i := 0; i < 200 && !strings.Contains(logs.String(), "TLS handshake error"); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil || !strings.Contains(fmt.Sprint(rec["msg"]), "TLS handshake error") {
			t.Errorf("log line %q is not a JSON handshake error record (%v)", line, err)
		}
	}
	if logs.String() == "" {
		t.Error("the failed handshake was not logged")
	}
}

// TestCertificateCheckedFirst: a missing key pair is an error naming the
// file, before anything listens.
func TestCertificateCheckedFirst(t *testing.T) {
	_, err := admission.LoadCertificate("/nonexistent/tls.crt", "/nonexistent/tls.key")
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/tls.crt: no such file") || strings.Contains(err.Error(), "stat ") {
		t.Errorf("got %v", err)
	}
}
