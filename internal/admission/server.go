package admission

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strings"
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
	// FailClosed rejects an object when it cannot be judged (a rule fails, the
	// time limit passes, the object cannot be read); otherwise it is admitted
	// with a warning.
	FailClosed bool
	// MaxRequestBytes bounds the body of a review; Timeout bounds judging one.
	MaxRequestBytes int64
	Timeout         time.Duration
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
)

// Server is the webhook's HTTP handler: POST /validate, GET /healthz,
// /readyz and /metrics.
type Server struct {
	cfg     Config
	metrics *metrics
	mux     *http.ServeMux
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
	cfg.Rules = slices.DeleteFunc(slices.Clone(cfg.Rules), func(r *rule.Rule) bool {
		return r.CrossObject || r.Eval == nil && r.Provider != "kubernetes" || cfg.Settings.Disabled(r.ID)
	})
	s := &Server{cfg: cfg, metrics: newMetrics(), mux: http.NewServeMux()}
	s.mux.HandleFunc("POST /validate", s.validate)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	s.mux.HandleFunc("GET /metrics", s.metrics.serve)
	return s
}

// Rules returns the rules the webhook runs.
func (s *Server) Rules() []*rule.Rule { return s.cfg.Rules }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
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
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	resp, verdict := s.judge(ctx, rv.Request)
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
		log.Error("cannot judge the object", "error", err, "fail_closed", s.cfg.FailClosed)
		if s.cfg.FailClosed && s.cfg.Mode == Enforce {
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

// evaluate reads the object and runs the rules on it within ctx. The rules
// run in their own goroutine so that a rule that does not watch ctx (a Go
// rule) still cannot hold the answer past the time limit.
func (s *Server) evaluate(ctx context.Context, req *request) ([]finding, error) {
	if len(req.Object) == 0 || string(req.Object) == "null" {
		return nil, errors.New("the review carries no object")
	}
	objs, diags := parse.Parse("object.json", req.Object)
	if diags.HasErrors() || len(objs) != 1 {
		return nil, fmt.Errorf("cannot read the object: %v", diags)
	}
	if objs[0].Namespace == "" {
		// Namespaced objects are created in the request's namespace.
		objs[0].Namespace = req.Namespace
	}
	in := (&rule.Input{Kubernetes: adapt.Adapt(objs)}).Fill()
	type outcome struct {
		fs  []finding
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		fs, err := s.run(ctx, in)
		done <- outcome{fs, err}
	}()
	select {
	case o := <-done:
		return o.fs, o.err
	case <-ctx.Done():
		return nil, fmt.Errorf("checking took longer than %s", s.cfg.Timeout)
	}
}

func (s *Server) run(ctx context.Context, in *rule.Input) (out []finding, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	for _, r := range s.cfg.Rules {
		results, err := r.Run(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		for _, res := range results {
			if s.cfg.Settings.Ignored(r.ID, res.Resource.Address, "", s.cfg.Now()) != nil {
				continue
			}
			sev := r.Severity
			if o, ok := s.cfg.Settings.SeverityOverrides[r.ID]; ok {
				sev = o
			}
			out = append(out, finding{rule: r, severity: sev, result: res})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].severity > out[j].severity })
	return out, nil
}
