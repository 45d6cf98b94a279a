package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/admission"
	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

type serveFlags struct {
	admission        bool
	addr             string
	certFile         string
	keyFile          string
	mode             string
	failClosed       bool
	failOpen         bool
	clientCA         string
	metricsAddr      string
	maxConcurrent    int
	maxQueued        int
	maxContainers    int
	denySeverity     string
	policies         []string
	configFile       string
	exemptNamespaces []string
	maxBytes         int64
	timeout          time.Duration
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve --admission --tls-cert FILE --tls-key FILE",
		Short: "Run the Kubernetes admission webhook",
		Long: "serve --admission runs a validating admission webhook over TLS that applies the Kubernetes rules\n" +
			"(and custom Rego policies) to every object created or updated: POST /validate, GET /healthz,\n" +
			"/readyz and /metrics. See docs/admission.md for the ValidatingWebhookConfiguration.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.admission, "admission", false, "serve the validating admission webhook (required)")
	fl.StringVar(&f.addr, "addr", ":8443", "address to listen on")
	fl.StringVar(&f.certFile, "tls-cert", "", "TLS certificate (PEM); reloaded when the file changes")
	fl.StringVar(&f.keyFile, "tls-key", "", "TLS private key (PEM)")
	fl.StringVar(&f.mode, "mode", "enforce", "enforce (reject at or above --deny-severity), warn (admit with warnings) or dry-run (admit; log what enforce would reject)")
	fl.BoolVar(&f.failOpen, "fail-open", false, "admit, with a warning, objects that cannot be checked (rule error, time limit, out of bounds); by default enforce mode rejects them")
	fl.BoolVar(&f.failClosed, "fail-closed", true, "reject objects that cannot be checked (the default; kept for older manifests)")
	fl.Lookup("fail-closed").Hidden = true
	fl.StringVar(&f.clientCA, "client-ca", "", "accept only callers with a client certificate signed by a CA in this PEM `FILE` (the API server's, see docs/admission.md)")
	fl.StringVar(&f.metricsAddr, "metrics-addr", "", "serve /metrics over plain HTTP on this `ADDR` instead of on the webhook's port (e.g. :9090)")
	fl.IntVar(&f.maxConcurrent, "max-concurrent", 0, "reviews judged at once (default: the number of CPUs)")
	fl.IntVar(&f.maxQueued, "max-queued", admission.DefaultMaxQueued, "reviews waiting for a turn; more are answered 429 at once and the webhook's failurePolicy decides")
	fl.IntVar(&f.maxContainers, "max-containers", admission.DefaultMaxContainers, "objects with more containers are not judged (and so rejected unless --fail-open)")
	fl.StringVar(&f.denySeverity, "deny-severity", "HIGH", "lowest severity that rejects an object in enforce mode; lower findings are warnings")
	fl.StringArrayVar(&f.policies, "policy", nil, "also run the custom Rego policies in this directory or .rego file (repeatable)")
	fl.StringVar(&f.configFile, "config", "", "a .mlguard.yaml whose disabled_rules, ignore entries and severity_overrides apply")
	fl.StringArrayVar(&f.exemptNamespaces, "exempt-namespace", nil, "admit objects of this namespace unchecked (repeatable)")
	fl.Int64Var(&f.maxBytes, "max-request-bytes", admission.DefaultMaxRequestBytes, "largest review body accepted")
	fl.DurationVar(&f.timeout, "timeout", admission.DefaultTimeout, "longest time spent checking one object")
	return cmd
}

func runServe(ctx context.Context, f serveFlags) error {
	if !f.admission {
		return usageError("serve: --admission is required (it is the only server mlguard has)")
	}
	if f.certFile == "" || f.keyFile == "" {
		return usageError("serve --admission: --tls-cert and --tls-key are required (the API server calls webhooks over TLS only)")
	}
	mode, err := admission.ParseMode(f.mode)
	if err != nil {
		return usageError("--mode: %v", err)
	}
	sev, err := rule.ParseSeverity(f.denySeverity)
	if err != nil {
		return usageError("--deny-severity: %v", err)
	}
	settings := &config.Config{}
	if f.configFile != "" {
		data, err := source.ReadPath(f.configFile, maxInputBytes)
		if err != nil {
			return usageError("--config: %v", source.PlainError(err))
		}
		if settings, err = config.Parse(filepath.Base(f.configFile), data); err != nil {
			return usageError("--config: %v", err)
		}
	}
	rules := rule.All()
	if len(f.policies) > 0 {
		custom, err := loadPolicies(ctx, f.policies)
		if err != nil {
			return err
		}
		rules = append(rules, custom...)
	}
	cert, err := admission.LoadCertificate(f.certFile, f.keyFile)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	tlsOpts := admission.TLS{Cert: cert}
	if f.clientCA != "" {
		if tlsOpts.ClientCAs, err = admission.LoadClientCAs(f.clientCA); err != nil {
			return usageError("--client-ca: %v", err)
		}
	}
	// --fail-closed=false, from before failing closed was the default,
	// still means fail open.
	failOpen := f.failOpen || !f.failClosed
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	srv := admission.New(admission.Config{
		Rules: rules, Mode: mode, DenySeverity: sev, FailOpen: failOpen,
		MaxRequestBytes: f.maxBytes, Timeout: f.timeout, ExemptNamespaces: f.exemptNamespaces,
		MaxConcurrent: f.maxConcurrent, MaxQueued: f.maxQueued, MaxContainers: f.maxContainers,
		SeparateMetrics: f.metricsAddr != "", Settings: settings, Log: log,
	})
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("listen %s: %w", f.addr, err)}
	}
	errc := make(chan error, 2)
	if f.metricsAddr != "" {
		mln, err := net.Listen("tcp", f.metricsAddr)
		if err != nil {
			ln.Close()
			return &exitError{code: ExitError, err: fmt.Errorf("listen %s: %w", f.metricsAddr, err)}
		}
		go func() { errc <- admission.Serve(ctx, mln, srv.MetricsHandler(), admission.TLS{}, log) }()
	} else {
		errc <- nil
	}
	log.Info("admission webhook listening", "addr", ln.Addr().String(), "mode", mode, "deny_severity", sev.String(),
		"fail_open", failOpen, "client_ca", f.clientCA != "", "metrics_addr", f.metricsAddr, "rules", len(srv.Rules()))
	go func() { errc <- admission.Serve(ctx, ln, srv, tlsOpts, log) }()
	for range 2 {
		if err := <-errc; err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	return nil
}
