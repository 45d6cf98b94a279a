package admission_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/admission"
	"github.com/mlguard/mlguard/internal/rule"
)

// podWith is a privileged pod with n containers.
func podWith(n int) string {
	var b strings.Builder
	b.WriteString(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"c%d","image":"vllm/vllm-openai:v0.6.3","securityContext":{"privileged":true}}`, i)
	}
	b.WriteString(`]}}`)
	return b.String()
}

// TestObjectBounds: objects no workload has are not judged, and so not
// admitted: too many containers, nesting too deep.
func TestObjectBounds(t *testing.T) {
	url, c := webhook(t, admission.Config{Rules: rule.All(), MaxContainers: 100, MaxDepth: 32})
	deep := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"a":"x"}},"spec":{"containers":[{"name":"c","image":"i","args":` +
		strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}]}}`
	for name, c2 := range map[string]struct{ obj, text string }{
		"containers": {podWith(101), "more than 100 containers"},
		"depth":      {deep, "deeper than 32 levels"},
	} {
		v := post(t, url, c, reviewOf("CREATE", "Pod", "m", c2.obj))
		if v.allowed || !strings.Contains(v.message, c2.text) {
			t.Errorf("%s: allowed %v, %q", name, v.allowed, v.message)
		}
	}
	if v := post(t, url, c, reviewOf("CREATE", "Pod", "m", podWith(100))); v.allowed || !strings.Contains(v.message, "privileged") {
		t.Errorf("100 containers: allowed %v, %q", v.allowed, v.message)
	}
}

// TestFindingsBeforeTheDeadline: when checking stops at the time limit, the
// findings made before it still reject the object, even with --fail-open.
func TestFindingsBeforeTheDeadline(t *testing.T) {
	rules := append(rule.All(), slow)
	url, c := webhook(t, admission.Config{Rules: rules, FailOpen: true, Timeout: 300 * time.Millisecond})
	v := post(t, url, c, reviewOf("CREATE", "Pod", "m", privilegedPod))
	if v.allowed || !strings.Contains(v.message, "checking stopped") || !strings.Contains(v.message, "privileged") {
		t.Errorf("allowed %v, %q", v.allowed, v.message)
	}
}

// TestOverload is the load test of issue 18: concurrent reviews of 1.25 MB
// pods with 42,000 privileged containers, beside ordinary privileged pods.
// No privileged pod is admitted (a 429 is a rejection under the
// failurePolicy: Fail of deploy/), and the heap stays within the
// deployment's 256 MiB memory limit.
func TestOverload(t *testing.T) {
	url, c := webhook(t, admission.Config{Rules: rule.All()})
	huge := reviewOf("CREATE", "Pod", "m", podWith(42_000))
	if len(huge) < 1<<20 {
		t.Fatalf("the review is %d bytes", len(huge))
	}
	small := reviewOf("CREATE", "Pod", "m", privilegedPod)
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
				metrics.Read(s)
				peak = max(peak, s[0].Value.Uint64())
			}
		}
	}()
	runtime.GC()
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for i := 0; i < 32; i++ {
		body := huge
		if i%2 == 1 {
			body = small
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Post(url+"/validate", "application/json", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			switch {
			case resp.StatusCode == http.StatusTooManyRequests:
				counts["busy (429)"]++
			case resp.StatusCode != http.StatusOK:
				t.Errorf("status %d: %s", resp.StatusCode, b)
			case strings.Contains(string(b), `"allowed":true`):
				t.Errorf("a privileged pod was admitted: %.300s", b)
			default:
				counts["denied"]++
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	t.Logf("answers %v; peak heap %d MiB", counts, peak>>20)
	if peak > 256<<20 {
		t.Errorf("peak heap %d MiB, over the deployment's 256 MiB limit", peak>>20)
	}
}

// TestClientCertificates: with client CAs, a caller without a certificate
// they signed cannot even finish the handshake.
func TestClientCertificates(t *testing.T) {
	dir := t.TempDir()
	serverPool := selfSigned(t, filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key"))
	cert, err := admission.LoadCertificate(filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key"))
	if err != nil {
		t.Fatal(err)
	}
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "apiserver-ca"}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	ca, _ := x509.ParseCertificate(caDER)
	clientKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	clientTmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "kube-apiserver"}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	clientDER, _ := x509.CreateCertificate(rand.Reader, clientTmpl, ca, &clientKey.PublicKey, caKey)
	clients := x509.NewCertPool()
	clients.AddCert(ca)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- admission.Serve(ctx, ln, admission.New(admission.Config{Rules: rule.All()}), admission.TLS{Cert: cert, ClientCAs: clients},
			slog.New(slog.NewJSONHandler(io.Discard, nil)))
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	url := "https://" + ln.Addr().String()
	anonymous := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: serverPool}}}
	if resp, err := anonymous.Post(url+"/validate", "application/json", strings.NewReader(reviewOf("CREATE", "Pod", "m", privilegedPod))); err == nil {
		resp.Body.Close()
		t.Fatalf("a caller without a client certificate got %d", resp.StatusCode)
	}
	apiserver := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: serverPool,
		Certificates: []tls.Certificate{{Certificate: [][]byte{clientDER}, PrivateKey: clientKey}}}}}
	if v := post(t, url, apiserver, reviewOf("CREATE", "Pod", "m", privilegedPod)); v.allowed || !strings.Contains(v.message, "privileged") {
		t.Errorf("the API server's review: allowed %v, %q", v.allowed, v.message)
	}
}

// TestSeparateMetrics: with metrics elsewhere, the webhook's port does not
// serve them.
func TestSeparateMetrics(t *testing.T) {
	srv := admission.New(admission.Config{Rules: rule.All(), SeparateMetrics: true})
	for _, c := range []struct {
		h    http.Handler
		code int
	}{{srv, http.StatusNotFound}, {srv.MetricsHandler(), http.StatusOK}} {
		rec := httptest.NewRecorder()
		c.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		if rec.Code != c.code {
			t.Errorf("GET /metrics: %d, want %d", rec.Code, c.code)
		}
	}
}

// TestEphemeralContainers: kubectl debug adds a container to a running pod
// through the pods/ephemeralcontainers subresource; the webhook judges it
// and deploy/ registers the subresource.
func TestEphemeralContainers(t *testing.T) {
	url, c := webhook(t, admission.Config{Rules: rule.All()})
	debugged := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i@sha256:` + strings.Repeat("a", 64) +
		`"}],"ephemeralContainers":[{"name":"debugger","image":"busybox","securityContext":{"privileged":true}}]}}`
	if v := post(t, url, c, reviewOf("UPDATE", "Pod", "m", debugged)); v.allowed || !strings.Contains(v.message, "debugger") {
		t.Errorf("allowed %v, %q", v.allowed, v.message)
	}
	data, err := os.ReadFile("../../deploy/admission-webhook.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "resources: [pods, pods/ephemeralcontainers, services]") {
		t.Error("deploy/admission-webhook.yaml does not register pods/ephemeralcontainers")
	}
}
