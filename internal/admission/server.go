package admission

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	adapt "github.com/mlguard/mlguard/internal/adapt/kubernetes"
	"github.com/mlguard/mlguard/internal/config"
	parse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
)

// Mode is what the webhook does with what it finds.
type Mode string

// Modes.
const (
	Enforce Mode = "enforce" // reject at or above the deny severity, warn below
	Warn    Mode = "warn"    // admit everything, with every finding as a warning
	DryRun  Mode = "dry-run" // admit everything silently; log and count what enforce would do
)

// ParseMode reads a mode name.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Enforce, Warn, DryRun:
		return m, nil
	}
	return "", fmt.Errorf("unknown mode %q (want enforce, warn or dry-run)", s)
}

// Config configures a webhook.
type Config struct {
	// Rules are run on every object; rules of other providers and cross-object
	// rules are dropped by New.
	Rules        []*rule.Rule
	Mode         Mode
	DenySeverity rule.Severity
	// FailOpen admits, with a warning, an object that cannot be judged (a
	// rule fails, the time limit passes, the object is out of bounds, the
	// webhook is busy). By default such an object is rejected in enforce
	// mode: an attacker must not get a privileged pod in by making it slow
	// to judge. Findings at the deny severity found before the time limit
	// reject the object whatever this says.
	FailOpen bool
	// MaxRequestBytes bounds the body of a review; Timeout bounds judging one,
	// from the moment its request arrives.
	MaxRequestBytes int64
	Timeout         time.Duration
	// MaxConcurrent reviews are judged at once, and MaxQueued more wait for
	// a turn; a review beyond both is answered at once with 429 (the API
	// server then applies the webhook's failurePolicy). Bodies, parsed
	// objects and rule runs in memory are bounded by these.
	MaxConcurrent, MaxQueued int
	// MaxContainers and MaxDepth bound the objects judged: containers (every
	// "image" key, whatever the kind) and nesting of the JSON.
	MaxContainers, MaxDepth int
	// SeparateMetrics serves /metrics elsewhere (MetricsHandler), not on the
	// webhook's port.
	SeparateMetrics bool
	// ExemptNamespaces are admitted unjudged.
	ExemptNamespaces []string
	// Settings are a .mlguard.yaml's disabled rules, ignores and severity
	// overrides; nil for none.
	Settings *config.Config
	Log      *slog.Logger
	Now      func() time.Time
}

// Defaults: the API server sends at most 3 MiB objects and waits 10 s by
// default; the webhook answers well inside that.
const (
	DefaultMaxRequestBytes = 4 << 20
	DefaultTimeout         = 5 * time.Second
	DefaultMaxQueued       = 8
	DefaultMaxContainers   = 500
	DefaultMaxDepth        = 64
)

// Answers in words, for messages and warnings: the API server shows them
// to the user, and truncates what is longer than it keeps.
const (
	maxWarnings       = 20
	maxWarningBytes   = 512
	maxMessageBytes   = 4096
	busyRetryAfterSec = "1"
)

// Server is the webhook's HTTP handler: POST /validate, GET /healthz,
// /readyz and /metrics.
type Server struct {
	cfg     Config
	metrics *metrics
	mux     *http.ServeMux
	// inflight holds a token for each review read or judged (MaxConcurrent
	// + MaxQueued); judging one for each review being judged. A judging
	// token is given back when the rules have stopped, not when the answer
	// is sent, so rules that outlive their deadline still count.
	inflight, judging chan struct{}
}

// New builds a webhook. Only Kubernetes rules and custom policies run:
// built-in rules of the clouds never see a Kubernetes object.
func New(cfg Config) *Server {
	if cfg.MaxRequestBytes <= 0 {
		cfg.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Mode == "" {
		cfg.Mode = Enforce
	}
	if cfg.DenySeverity == 0 {
		cfg.DenySeverity = rule.High
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Settings == nil {
		cfg.Settings = &config.Config{}
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = runtime.GOMAXPROCS(0)
	}
	if cfg.MaxQueued <= 0 {
		cfg.MaxQueued = DefaultMaxQueued
	}
	if cfg.MaxContainers <= 0 {
		cfg.MaxContainers = DefaultMaxContainers
	}
	if cfg.MaxDepth <= 0 {
		cfg.MaxDepth = DefaultMaxDepth
	}
	cfg.Rules = slices.DeleteFunc(slices.Clone(cfg.Rules), func(r *rule.Rule) bool {
		return r.CrossObject || r.Eval == nil && r.Provider != "kubernetes" || cfg.Settings.Disabled(r.ID)
	})
	s := &Server{cfg: cfg, metrics: newMetrics(), mux: http.NewServeMux(),
		inflight: make(chan struct{}, cfg.MaxConcurrent+cfg.MaxQueued), judging: make(chan struct{}, cfg.MaxConcurrent)}
	s.mux.HandleFunc("POST /validate", s.validate)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	if !cfg.SeparateMetrics {
		s.mux.HandleFunc("GET /metrics", s.metrics.serve)
	}
	return s
}

// MetricsHandler serves /metrics, for a listener of its own.
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", s.metrics.serve)
	return mux
}

// Rules returns the rules the webhook runs.
func (s *Server) Rules() []*rule.Rule { return s.cfg.Rules }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	select {
	case s.inflight <- struct{}{}:
		defer func() { <-s.inflight }()
	default:
		// Not even read: answering costs nothing, and the API server's
		// failurePolicy (Fail in deploy/) decides.
		s.metrics.rejected("busy")
		s.cfg.Log.Warn("review refused", "reason", "busy", "in_flight", cap(s.inflight), "remote", r.RemoteAddr)
		w.Header().Set("Retry-After", busyRetryAfterSec)
		http.Error(w, "mlguard is judging as many reviews as it may; try again", http.StatusTooManyRequests)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxRequestBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		s.metrics.rejected("too_large")
		s.cfg.Log.Warn("review refused", "reason", "too large", "limit", s.cfg.MaxRequestBytes, "remote", r.RemoteAddr)
		http.Error(w, fmt.Sprintf("review larger than %d bytes", s.cfg.MaxRequestBytes), http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		s.metrics.rejected("unreadable")
		http.Error(w, "cannot read the review: "+err.Error(), http.StatusBadRequest)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		s.metrics.rejected("content_type")
		http.Error(w, "content type "+ct+": want application/json", http.StatusUnsupportedMediaType)
		return
	}
	rv, err := decodeReview(body)
	if err != nil {
		s.metrics.rejected("malformed")
		s.cfg.Log.Warn("review refused", "reason", err, "remote", r.RemoteAddr)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, verdict := s.judge(ctx, rv.Request)
	bound(resp)
	s.metrics.reviewed(verdict, time.Since(start))
	w.Header().Set("Content-Type", "application/json")
	writeJSON(w, answer(rv, resp))
}

// judge decides on one request.
func (s *Server) judge(ctx context.Context, req *request) (*response, string) {
	log := s.cfg.Log.With("uid", req.UID, "kind", req.Kind.Kind, "namespace", req.Namespace, "name", req.Name,
		"operation", req.Operation, "user", req.UserInfo.Username)
	if req.Operation != "CREATE" && req.Operation != "UPDATE" || slices.Contains(s.cfg.ExemptNamespaces, req.Namespace) {
		return &response{Allowed: true}, "skipped"
	}
	findings, err := s.evaluate(ctx, req)
	if err != nil {
		deny, _ := s.split(findings)
		log.Error("cannot judge the object", "error", err, "fail_open", s.cfg.FailOpen, "findings_so_far", len(findings))
		switch {
		case s.cfg.Mode == Enforce && len(deny) > 0:
			// What was found before the failure is enough to refuse it.
			log.Info("denied", "findings", messages(deny))
			return &response{Allowed: false, Status: &status{Code: http.StatusForbidden, Reason: "Forbidden",
				Message: "mlguard denied " + req.Kind.Kind + " " + req.Name + " (checking stopped: " + err.Error() + "): " + strings.Join(messages(deny), "; ")}}, "denied"
		case s.cfg.Mode == Enforce && !s.cfg.FailOpen:
			return &response{Allowed: false, Status: &status{Code: http.StatusForbidden, Reason: "Forbidden",
				Message: "mlguard could not check this object and fails closed: " + err.Error()}}, "error"
		}
		return &response{Allowed: true, Warnings: []string{"mlguard could not check this object: " + err.Error()}}, "error"
	}
	for _, f := range findings {
		s.metrics.found(f.rule.ID)
	}
	deny, warn := s.split(findings)
	switch {
	case s.cfg.Mode == DryRun:
		if len(deny) > 0 {
			log.Info("would deny", "findings", messages(deny))
			return &response{Allowed: true}, "would_deny"
		}
		return &response{Allowed: true}, "allowed"
	case s.cfg.Mode == Warn:
		return &response{Allowed: true, Warnings: messages(findings)}, verdictOf(findings, "warned")
	case len(deny) > 0:
		log.Info("denied", "findings", messages(deny))
		return &response{Allowed: false, Warnings: messages(warn), Status: &status{Code: http.StatusForbidden, Reason: "Forbidden",
			Message: "mlguard denied " + req.Kind.Kind + " " + req.Name + ": " + strings.Join(messages(deny), "; ")}}, "denied"
	}
	return &response{Allowed: true, Warnings: messages(warn)}, verdictOf(warn, "warned")
}

func verdictOf(fs []finding, some string) string {
	if len(fs) > 0 {
		return some
	}
	return "allowed"
}

// finding is a rule's result with its effective severity.
type finding struct {
	rule     *rule.Rule
	severity rule.Severity
	result   rule.Result
}

func messages(fs []finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("[%s %s] %s", f.severity, f.rule.ID, f.result.Message)
	}
	return out
}

// split sorts findings into those that deny and those that warn.
func (s *Server) split(fs []finding) (deny, warn []finding) {
	for _, f := range fs {
		if f.severity >= s.cfg.DenySeverity {
			deny = append(deny, f)
		} else {
			warn = append(warn, f)
		}
	}
	return deny, warn
}

// evaluate reads the object and runs the rules on it within ctx, once a
// judging turn is free. Reading and the rules run in their own goroutine so
// that neither a large object nor a rule that does not watch ctx (a Go
// rule) can hold the answer past the time limit; the findings made before
// it are returned with the error.
func (s *Server) evaluate(ctx context.Context, req *request) ([]finding, error) {
	if len(req.Object) == 0 || string(req.Object) == "null" {
		return nil, errors.New("the review carries no object")
	}
	select {
	case s.judging <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("mlguard was busy for longer than %s", s.cfg.Timeout)
	}
	found := &collector{}
	done := make(chan error, 1)
	go func() {
		defer func() { <-s.judging }()
		done <- s.run(ctx, req, found)
	}()
	select {
	case err := <-done:
		return found.all(), err
	case <-ctx.Done():
		return found.all(), fmt.Errorf("checking took longer than %s", s.cfg.Timeout)
	}
}

// collector gathers findings as the rules make them, for an answer that
// may be given before the rules are done.
type collector struct {
	mu sync.Mutex
	fs []finding
}

func (c *collector) add(f finding) {
	c.mu.Lock()
	c.fs = append(c.fs, f)
	c.mu.Unlock()
}

func (c *collector) all() []finding {
	c.mu.Lock()
	out := slices.Clone(c.fs)
	c.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return out[i].severity > out[j].severity })
	return out
}

// run checks the object's bounds, reads it and runs the rules on it.
func (s *Server) run(ctx context.Context, req *request, found *collector) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	if err := checkShape(req.Object, s.cfg.MaxDepth, s.cfg.MaxContainers); err != nil {
		return err
	}
	objs, diags := parse.Parse("object.json", req.Object)
	if diags.HasErrors() || len(objs) != 1 {
		return fmt.Errorf("cannot read the object: %v", diags)
	}
	if objs[0].Namespace == "" {
		// Namespaced objects are created in the request's namespace.
		objs[0].Namespace = req.Namespace
	}
	in := (&rule.Input{Kubernetes: adapt.Adapt(objs)}).Fill()
	for _, r := range s.cfg.Rules {
		if err := ctx.Err(); err != nil {
			return err
		}
		results, err := r.Run(ctx, in)
		if err != nil {
			return fmt.Errorf("%s: %w", r.ID, err)
		}
		for _, res := range results {
			if s.cfg.Settings.Ignored(r.ID, res.Resource.Address, "", s.cfg.Now()) != nil {
				continue
			}
			sev := r.Severity
			if o, ok := s.cfg.Settings.SeverityOverrides[r.ID]; ok {
				sev = o
			}
			found.add(finding{rule: r, severity: sev, result: res})
		}
	}
	return nil
}
