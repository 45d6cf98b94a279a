package admission

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"
)

// metrics are the webhook's counters, served in the Prometheus text format.
type metrics struct {
	mu       sync.Mutex
	verdicts map[string]uint64 // allowed, denied, warned, would_deny, skipped, error
	refused  map[string]uint64 // reviews refused before judging: too_large, malformed, ...
	rules    map[string]uint64 // findings per rule
	seconds  float64
	count    uint64
}

func newMetrics() *metrics {
	return &metrics{verdicts: map[string]uint64{}, refused: map[string]uint64{}, rules: map[string]uint64{}}
}

func (m *metrics) reviewed(verdict string, took time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.verdicts[verdict]++
	m.seconds += took.Seconds()
	m.count++
}

func (m *metrics) rejected(reason string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refused[reason]++
}

func (m *metrics) found(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rules[id]++
}

func (m *metrics) serve(w http.ResponseWriter, _ *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	family(w, "mlguard_admission_reviews_total", "Admission reviews judged, by verdict.", "verdict", m.verdicts)
	family(w, "mlguard_admission_refused_total", "Requests refused before judging, by reason.", "reason", m.refused)
	family(w, "mlguard_admission_findings_total", "Findings reported in admission reviews, by rule.", "rule", m.rules)
	fmt.Fprintf(w, "# HELP mlguard_admission_review_seconds Time spent judging reviews.\n# TYPE mlguard_admission_review_seconds summary\n")
	fmt.Fprintf(w, "mlguard_admission_review_seconds_sum %g\nmlguard_admission_review_seconds_count %d\n", m.seconds, m.count)
}

func family(w http.ResponseWriter, name, help, label string, values map[string]uint64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s{%s=%q} %d\n", name, label, k, values[k])
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	_ = json.NewEncoder(w).Encode(v)
}
