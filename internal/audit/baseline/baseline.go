// Package baseline keeps what "usual" means for audit detections: which
// principal has touched which resource or called from which address
// (first-seen pairs), how many calls of a kind each principal makes in an
// hour (rates), and which roles and keys belong to ML workloads. It lives in
// memory during a run and in a bbolt file between runs (--state), so that
// daily runs learn from each other.
//
// Only events read to learn (before --since, or with --learn) teach the
// saved baseline. Events of the detection window are remembered for the rest
// of the run in a layer of their own that is never saved: an attack judged
// today does not become "usual", and judging the same logs again gives the
// same alerts.
package baseline

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Baseline is the learned history, and what the current run has seen in its
// detection window.
type Baseline struct {
	learned layer // saved by Save
	run     layer // the detection window's events: read, never saved
	judging bool
}

// layer is one set of history.
type layer struct {
	pairs       map[string]int64 // kind \x00 a \x00 b -> first seen (unix seconds)
	rates       map[string]*Rate // feature \x00 principal -> hourly history
	tags        map[string]bool  // kind \x00 name: ml-role, ml-key
	first, last time.Time        // the event times the layer has seen
}

func newLayer() layer {
	return layer{pairs: map[string]int64{}, rates: map[string]*Rate{}, tags: map[string]bool{}}
}

// Rate is a principal's history of one hourly count.
type Rate struct {
	Hours int     `json:"hours"` // hours with at least one call
	Max   float64 `json:"max"`
	Sum   float64 `json:"sum"`
	// Through is the latest hour folded in (2006-01-02T15): an hour at or
	// before it is not folded again, so reading the same logs twice does
	// not count them twice.
	Through string `json:"through,omitempty"`
}

// New returns an empty baseline.
func New() *Baseline {
	return &Baseline{learned: newLayer(), run: newLayer()}
}

// Judging directs what is recorded from now on: to the run's own layer
// (true, events of the detection window) or to the learned history.
func (b *Baseline) Judging(on bool) { b.judging = on }

// current is the layer records go to.
func (b *Baseline) current() *layer {
	if b.judging {
		return &b.run
	}
	return &b.learned
}

func key(parts ...string) string {
	var b bytes.Buffer
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(p)
	}
	return b.String()
}

// Seen reports whether the pair has been seen, and records it at t.
func (b *Baseline) Seen(kind, x, y string, t time.Time) bool {
	k := key(kind, x, y)
	if b.known(k) {
		return true
	}
	b.current().pairs[k] = t.Unix()
	return false
}

// Known reports whether the pair has been seen, without recording it.
func (b *Baseline) Known(kind, x, y string) bool { return b.known(key(kind, x, y)) }

func (b *Baseline) known(k string) bool {
	if _, ok := b.learned.pairs[k]; ok {
		return true
	}
	_, ok := b.run.pairs[k]
	return ok
}

// Observe widens the time span the baseline covers.
func (b *Baseline) Observe(t time.Time) {
	if t.IsZero() {
		return
	}
	l := b.current()
	if l.first.IsZero() || t.Before(l.first) {
		l.first = t
	}
	if t.After(l.last) {
		l.last = t
	}
}

// Span is how long a history the baseline holds, the run's layer included.
func (b *Baseline) Span() time.Duration {
	first, last := b.learned.first, b.learned.last
	if !b.run.first.IsZero() && (first.IsZero() || b.run.first.Before(first)) {
		first = b.run.first
	}
	if b.run.last.After(last) {
		last = b.run.last
	}
	if first.IsZero() {
		return 0
	}
	return last.Sub(first)
}

// Rate returns a principal's history of a feature, nil when none.
func (b *Baseline) Rate(feature, principal string) *Rate {
	k := key(feature, principal)
	if r := b.run.rates[k]; r != nil {
		return r
	}
	return b.learned.rates[k]
}

// AddHour folds one hour's count into a principal's history. An hour at or
// before the latest one folded is a repeat and changes nothing. In the
// detection window the history of the run grows from the learned one.
func (b *Baseline) AddHour(feature, principal, hour string, n float64) {
	k := key(feature, principal)
	l := b.current()
	r := l.rates[k]
	if r == nil {
		r = &Rate{}
		if learned := b.learned.rates[k]; b.judging && learned != nil {
			*r = *learned
		}
		l.rates[k] = r
	}
	if r.Through != "" && hour <= r.Through {
		return
	}
	r.Hours++
	r.Sum += n
	r.Max = math.Max(r.Max, n)
	r.Through = hour
}

// Tag marks a name (a role, a key) as belonging to a kind (ml-role, ml-key).
func (b *Baseline) Tag(kind, name string) { b.current().tags[key(kind, name)] = true }

// Tagged reports whether a name carries a tag.
func (b *Baseline) Tagged(kind, name string) bool {
	k := key(kind, name)
	return b.learned.tags[k] || b.run.tags[k]
}

var (
	bucketPairs = []byte("pairs")
	bucketRates = []byte("rates")
	bucketTags  = []byte("tags")
	bucketMeta  = []byte("meta")
	version     = []byte("mlguard-baseline-1")
)

// Load reads a state file; a missing file is an empty baseline. A file
// that is damaged, empty or of another version is an ErrCorrupt error; the
// caller holds the file's Lock.
func Load(path string) (b *Baseline, err error) {
	b = New()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return b, nil
	}
	if err := verify(path); err != nil {
		return nil, err
	}
	// A file whose checksum holds was written by Save; a bbolt failure on
	// it is still reported rather than taking the process down.
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, corrupt(path, fmt.Sprint(p))
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	defer db.Close()
	l := &b.learned
	err = db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || !bytes.Equal(meta.Get([]byte("version")), version) {
			return fmt.Errorf("not an mlguard state file")
		}
		for _, name := range [][]byte{bucketPairs, bucketTags, bucketRates} {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("no %s bucket", name)
			}
		}
		l.first = unix(meta.Get([]byte("first")))
		l.last = unix(meta.Get([]byte("last")))
		if err := tx.Bucket(bucketPairs).ForEach(func(k, v []byte) error {
			l.pairs[string(k)] = int64(binary.BigEndian.Uint64(v))
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketTags).ForEach(func(k, _ []byte) error {
			l.tags[string(k)] = true
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketRates).ForEach(func(k, v []byte) error {
			r := &Rate{}
			if err := json.Unmarshal(v, r); err != nil {
				return err
			}
			l.rates[string(k)] = r
			return nil
		})
	})
	if err != nil {
		return nil, corrupt(path, err.Error())
	}
	return b, nil
}

func unix(v []byte) time.Time {
	if len(v) != 8 {
		return time.Time{}
	}
	return time.Unix(int64(binary.BigEndian.Uint64(v)), 0).UTC()
}

func unixBytes(t time.Time) []byte {
	v := make([]byte, 8)
	if !t.IsZero() {
		binary.BigEndian.PutUint64(v, uint64(t.Unix()))
	}
	return v
}

// Save writes the learned history to a state file, in key order so that the
// same baseline writes the same data. It writes a new file beside the old
// one and renames it over it, so a run that fails or is stopped while saving
// leaves the previous state whole. The run's own layer is not saved.
func (b *Baseline) Save(path string) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("write state %s: the directory %s does not exist", path, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // gone already once renamed
	db, err := bolt.Open(tmpName, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	if err := db.Update(b.learned.write); err != nil {
		db.Close()
		return fmt.Errorf("write state %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	if err := seal(tmpName); err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	return nil
}

// write puts the layer into a new database.
func (l *layer) write(tx *bolt.Tx) error {
	buckets := map[string]*bolt.Bucket{}
	for _, name := range [][]byte{bucketPairs, bucketRates, bucketTags, bucketMeta} {
		bk, err := tx.CreateBucket(name)
		if err != nil {
			return err
		}
		buckets[string(name)] = bk
	}
	pairs := buckets[string(bucketPairs)]
	for _, k := range sortedKeys(l.pairs) {
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, uint64(l.pairs[k]))
		if err := pairs.Put([]byte(k), v); err != nil {
			return err
		}
	}
	rates := buckets[string(bucketRates)]
	for _, k := range sortedKeys(l.rates) {
		v, _ := json.Marshal(l.rates[k])
		if err := rates.Put([]byte(k), v); err != nil {
			return err
		}
	}
	tags := buckets[string(bucketTags)]
	for _, k := range sortedKeys(l.tags) {
		if err := tags.Put([]byte(k), []byte{1}); err != nil {
			return err
		}
	}
	meta := buckets[string(bucketMeta)]
	for k, v := range map[string][]byte{"version": version, "first": unixBytes(l.first), "last": unixBytes(l.last)} {
		if err := meta.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
