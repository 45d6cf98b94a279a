// Package baseline keeps what "usual" means for audit detections: which
// principal has touched which resource or called from which address
// (first-seen pairs), how many calls of a kind each principal makes in an
// hour (rates), and which roles and keys belong to ML workloads. It lives in
// memory during a run and in a bbolt file between runs (--state), so that
// daily runs learn from each other.
package baseline

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Baseline is the learned history.
type Baseline struct {
	pairs map[string]int64 // kind \x00 a \x00 b -> first seen (unix seconds)
	rates map[string]*Rate // feature \x00 principal -> hourly history
	// First and Last bound the event times the baseline has learned from.
	First, Last time.Time
	tags        map[string]bool // kind \x00 name: ml-role, ml-key
}

// Rate is a principal's history of one hourly count.
type Rate struct {
	Hours int     `json:"hours"` // hours with at least one call
	Max   float64 `json:"max"`
	Sum   float64 `json:"sum"`
}

// New returns an empty baseline.
func New() *Baseline {
	return &Baseline{pairs: map[string]int64{}, rates: map[string]*Rate{}, tags: map[string]bool{}}
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
	if _, ok := b.pairs[k]; ok {
		return true
	}
	b.pairs[k] = t.Unix()
	return false
}

// Known reports whether the pair has been seen, without recording it.
func (b *Baseline) Known(kind, x, y string) bool {
	_, ok := b.pairs[key(kind, x, y)]
	return ok
}

// Observe widens the time span the baseline covers.
func (b *Baseline) Observe(t time.Time) {
	if t.IsZero() {
		return
	}
	if b.First.IsZero() || t.Before(b.First) {
		b.First = t
	}
	if t.After(b.Last) {
		b.Last = t
	}
}

// Span is how long a history the baseline holds.
func (b *Baseline) Span() time.Duration {
	if b.First.IsZero() {
		return 0
	}
	return b.Last.Sub(b.First)
}

// Rate returns a principal's history of a feature, nil when none.
func (b *Baseline) Rate(feature, principal string) *Rate { return b.rates[key(feature, principal)] }

// AddHour folds one hour's count into a principal's history.
func (b *Baseline) AddHour(feature, principal string, n float64) {
	k := key(feature, principal)
	r := b.rates[k]
	if r == nil {
		r = &Rate{}
		b.rates[k] = r
	}
	r.Hours++
	r.Sum += n
	r.Max = math.Max(r.Max, n)
}

// Tag marks a name (a role, a key) as belonging to a kind (ml-role, ml-key).
func (b *Baseline) Tag(kind, name string) { b.tags[key(kind, name)] = true }

// Tagged reports whether a name carries a tag.
func (b *Baseline) Tagged(kind, name string) bool { return b.tags[key(kind, name)] }

var (
	bucketPairs = []byte("pairs")
	bucketRates = []byte("rates")
	bucketTags  = []byte("tags")
	bucketMeta  = []byte("meta")
	version     = []byte("mlguard-baseline-1")
)

// Load reads a state file; a missing file is an empty baseline.
func Load(path string) (*Baseline, error) {
	b := New()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return b, nil
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || !bytes.Equal(meta.Get([]byte("version")), version) {
			return fmt.Errorf("not an mlguard state file")
		}
		b.First = unix(meta.Get([]byte("first")))
		b.Last = unix(meta.Get([]byte("last")))
		if err := tx.Bucket(bucketPairs).ForEach(func(k, v []byte) error {
			b.pairs[string(k)] = int64(binary.BigEndian.Uint64(v))
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketTags).ForEach(func(k, _ []byte) error {
			b.tags[string(k)] = true
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketRates).ForEach(func(k, v []byte) error {
			r := &Rate{}
			if err := json.Unmarshal(v, r); err != nil {
				return err
			}
			b.rates[string(k)] = r
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read state %s: %w", path, err)
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

// Save writes the baseline to a state file, replacing its content, in key
// order so that the same baseline writes the same data.
func (b *Baseline) Save(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("open state %s: %w", path, err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketPairs, bucketRates, bucketTags, bucketMeta} {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		pairs := tx.Bucket(bucketPairs)
		for _, k := range sortedKeys(b.pairs) {
			v := make([]byte, 8)
			binary.BigEndian.PutUint64(v, uint64(b.pairs[k]))
			if err := pairs.Put([]byte(k), v); err != nil {
				return err
			}
		}
		rates := tx.Bucket(bucketRates)
		for _, k := range sortedKeys(b.rates) {
			v, _ := json.Marshal(b.rates[k])
			if err := rates.Put([]byte(k), v); err != nil {
				return err
			}
		}
		tags := tx.Bucket(bucketTags)
		for _, k := range sortedKeys(b.tags) {
			if err := tags.Put([]byte(k), []byte{1}); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		for k, v := range map[string][]byte{"version": version, "first": unixBytes(b.First), "last": unixBytes(b.Last)} {
			if err := meta.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
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
