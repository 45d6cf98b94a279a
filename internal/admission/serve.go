package admission

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/mlguard/mlguard/internal/source"
)

// Certificate serves a key pair from files and reloads it when the files
// change, so that a rotated certificate (cert-manager renews them in place)
// is used without a restart.
type Certificate struct {
	certFile, keyFile string
	mu                sync.Mutex
	cert              *tls.Certificate
	stamp             time.Time
}

// LoadCertificate reads the key pair once, failing early on bad files, so a
// server says it cannot start before it says it is listening.
func LoadCertificate(certFile, keyFile string) (*Certificate, error) {
	c := &Certificate{certFile: certFile, keyFile: keyFile}
	if _, err := c.get(nil); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Certificate) get(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	stamp, err := newest(c.certFile, c.keyFile)
	if err != nil && c.cert != nil {
		return c.cert, nil // a rotation in progress: keep serving the last pair
	}
	if err != nil {
		return nil, fmt.Errorf("TLS key pair: %w", source.PlainError(err))
	}
	if c.cert != nil && !stamp.After(c.stamp) {
		return c.cert, nil
	}
	pair, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
	if err != nil {
		if c.cert != nil {
			return c.cert, nil
		}
		return nil, fmt.Errorf("TLS key pair %s, %s: %w", c.certFile, c.keyFile, err)
	}
	c.cert, c.stamp = &pair, stamp
	return c.cert, nil
}

func newest(files ...string) (time.Time, error) {
	var t time.Time
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			return t, err
		}
		if fi.ModTime().After(t) {
			t = fi.ModTime()
		}
	}
	return t, nil
}

// LoadClientCAs reads the certificate authorities whose client
// certificates the webhook accepts (the one that signed the certificate
// the API server presents, as its admission configuration names it).
func LoadClientCAs(file string) (*x509.CertPool, error) {
	data, err := source.ReadPath(file, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("client CA: %w", source.PlainError(err))
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("client CA %s: no PEM certificate in it", file)
	}
	return pool, nil
}

// TLS is how the webhook's listener authenticates itself, and its callers.
type TLS struct {
	Cert *Certificate
	// ClientCAs, when set, are required to have signed the caller's
	// certificate: only the API server can then ask for reviews.
	ClientCAs *x509.CertPool
}

func (t TLS) config() *tls.Config {
	c := &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: t.Cert.get}
	if t.ClientCAs != nil {
		c.ClientAuth, c.ClientCAs = tls.RequireAndVerifyClientCert, t.ClientCAs
	}
	return c
}

// Serve runs the webhook over TLS on ln until ctx ends, then shuts down,
// letting reviews in flight finish. The server's own errors (TLS handshakes
// that fail, for one) go to log, as JSON lines like the rest when log is a
// JSON logger. With t.Cert nil it serves plain HTTP (the metrics listener).
func Serve(ctx context.Context, ln net.Listener, h http.Handler, t TLS, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	if t.Cert != nil {
		srv.TLSConfig = t.config()
		go func() { errc <- srv.ServeTLS(ln, "", "") }()
	} else {
		go func() { errc <- srv.Serve(ln) }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
