// Package audit finds the attacks that target ML systems in cloud audit
// logs, offline: model artifact theft, registry and control-plane abuse,
// model extraction through inference floods, tampering with the controls
// that protect ML data, and misuse of ML execution role credentials. Logs are
// read in parallel and handed to the detectors in file order, events of a
// file in time order, so results are the same for the same input; baselines
// learned from earlier logs (package baseline) tell usual from unusual.
package audit

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/baseline"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/rule"
)

// Detector is one detection: its metadata and its logic.
type Detector struct {
	ID          string        `json:"id"` // AUDIT-EXFIL-001
	Title       string        `json:"title"`
	Severity    rule.Severity `json:"severity"`
	Explanation string        `json:"explanation"`
	// Techniques are MITRE ATLAS and ATT&CK technique IDs.
	Techniques []string `json:"techniques"`
	// Needs names the events the detector reads, for coverage notes.
	Needs string `json:"needs"`
	// Relevant reports whether an event is one the detector reads.
	Relevant func(e *event.Event) bool `json:"-"`
	// Event is called with each event, in order, during learning too.
	Event func(c *Context, e *event.Event) `json:"-"`
	// Finish is called once after the last event.
	Finish func(c *Context) `json:"-"`
	// Idle, when set, says why the run's options leave the detector's
	// events unjudged ("" when they do not), for the coverage notes.
	Idle func(o *Options) string `json:"-"`
}

// Alert is one detection, with the evidence events behind it.
type Alert struct {
	Detector   string        `json:"detector"`
	Title      string        `json:"title"`
	Severity   rule.Severity `json:"severity"`
	Techniques []string      `json:"techniques"`
	Cloud      string        `json:"cloud"`
	Principal  string        `json:"principal"`
	// Sessions are the role session names behind an AWS role principal
	// (the person or job: assumed-role/ml-engineers/jdoe -> jdoe), at most
	// MaxEvidence, in order of first appearance.
	Sessions []string       `json:"sessions,omitempty"`
	Resource string         `json:"resource,omitempty"`
	SourceIP string         `json:"source_ip,omitempty"`
	First    time.Time      `json:"first_seen"`
	Last     time.Time      `json:"last_seen"`
	Events   int            `json:"events"`
	Message  string         `json:"message"`
	Evidence []event.Source `json:"evidence"`
	key      string
}

// MaxEvidence bounds the evidence kept per alert; Events counts them all.
const MaxEvidence = 10

// Context is what a detector sees: the baseline, the detection window,
// the operator's known networks, and where to put alerts.
type Context struct {
	Baseline *baseline.Baseline
	Options  *Options
	// Learning is set while events before the window are read: detectors
	// learn from them and raise nothing.
	Learning bool
	alerts   map[string]*Alert
	order    []string
	det      *Detector
	states   map[string]any
}

// state returns the running detector's state for this run, made by init on
// first use: detectors are shared values and keep nothing themselves.
func state[T any](c *Context, init func() *T) *T {
	if s, ok := c.states[c.det.ID].(*T); ok {
		return s
	}
	s := init()
	c.states[c.det.ID] = s
	return s
}

// MinHistory is how much history a baseline needs before "never seen
// before" and "far above usual" mean anything.
const MinHistory = 72 * time.Hour

// Mature reports whether the baseline holds enough history to judge what
// is new or unusual.
func (c *Context) Mature() bool { return c.Baseline.Span() >= MinHistory }

// Known reports whether an address is in the operator's known networks.
func (c *Context) Known(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, p := range c.Options.KnownNetworks {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Raise records an alert for e, or adds e to the alert with the same key.
func (c *Context) Raise(key string, e *event.Event, resource, format string, args ...any) {
	if c.Learning {
		return
	}
	d := c.det
	k := d.ID + "\x00" + key
	a := c.alerts[k]
	if a == nil {
		a = &Alert{Detector: d.ID, Title: d.Title, Severity: d.Severity, Techniques: d.Techniques, Cloud: e.Cloud,
			Principal: e.Who(), Resource: resource, SourceIP: e.SourceIP, First: e.Time, Last: e.Time,
			Message: fmt.Sprintf(format, args...), key: k}
		c.alerts[k] = a
		c.order = append(c.order, k)
	}
	a.Events++
	a.addSession(e.Session())
	if e.Time.Before(a.First) {
		a.First = e.Time
	}
	if e.Time.After(a.Last) {
		a.Last = e.Time
	}
	if len(a.Evidence) < MaxEvidence {
		a.Evidence = append(a.Evidence, e.Source)
	}
}

// addSession adds a session name once, up to MaxEvidence of them.
func (a *Alert) addSession(s string) {
	if s != "" && len(a.Sessions) < MaxEvidence && !slices.Contains(a.Sessions, s) {
		a.Sessions = append(a.Sessions, s)
	}
}

// RaiseSummary records an alert that no single event stands for (an
// hourly volume), with the evidence given.
func (c *Context) RaiseSummary(key string, a Alert) {
	d := c.det
	a.Detector, a.Title, a.Severity, a.Techniques, a.key = d.ID, d.Title, d.Severity, d.Techniques, d.ID+"\x00"+key
	if len(a.Evidence) > MaxEvidence {
		a.Evidence = a.Evidence[:MaxEvidence]
	}
	c.alerts[a.key] = &a
	c.order = append(c.order, a.key)
}

// sortAlerts orders alerts most severe first, then by time, detector and key.
func sortAlerts(as []Alert) {
	slices.SortStableFunc(as, func(a, b Alert) int {
		switch {
		case a.Severity != b.Severity:
			return int(b.Severity) - int(a.Severity)
		case !a.First.Equal(b.First):
			return a.First.Compare(b.First)
		case a.Detector != b.Detector:
			return strings.Compare(a.Detector, b.Detector)
		}
		return strings.Compare(a.key, b.key)
	})
}
