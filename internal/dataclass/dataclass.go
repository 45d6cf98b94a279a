// Package dataclass holds what is known about the data kept in storage: the
// info types `mlguard data scan` found in datasets stored under an s3://,
// gs:// or Azure Blob location, or the class .mlguard.yaml declares for a
// bucket. Infrastructure rules read it to hold the storage of personal data,
// and the jobs that read it, to stricter controls. It imports nothing of
// mlguard, so the rule contract, the settings and the CLI may all use it.
package dataclass

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
)

// Personal is the class a setting gives storage that holds personal data
// without naming the info types.
const Personal = "personal"

// InfoTypes are the info types `mlguard data scan` reports. A test in
// internal/data/detect keeps this list equal to the detectors'.
var InfoTypes = []string{
	"CA_SOCIAL_INSURANCE_NUMBER", "CREDIT_CARD_NUMBER", "DATE_OF_BIRTH", "EMAIL_ADDRESS", "GEO_COORDINATES",
	"IBAN_CODE", "IP_ADDRESS_PRIVATE", "IP_ADDRESS_PUBLIC", "MAC_ADDRESS", "PERSON_NAME", "PHONE_NUMBER",
	"SECRET", "STREET_ADDRESS", "UK_NATIONAL_INSURANCE_NUMBER", "US_ITIN", "US_SSN",
}

// Grave ranks the info types whose exposure is gravest, so that messages
// name them first: secrets, then national identifiers and payment data. (A
// test in internal/data keeps it in step with the data scan's severities.)
var Grave = map[string]int{"SECRET": 2, "US_SSN": 1, "US_ITIN": 1, "UK_NATIONAL_INSURANCE_NUMBER": 1,
	"CA_SOCIAL_INSURANCE_NUMBER": 1, "CREDIT_CARD_NUMBER": 1, "IBAN_CODE": 1}

// notPersonal are info types that do not by themselves make storage hold
// personal data: private addresses name machines of one's own network.
var notPersonal = map[string]bool{"IP_ADDRESS_PRIVATE": true}

// Valid reports whether a class name is Personal or an info type.
func Valid(class string) bool { return class == Personal || slices.Contains(InfoTypes, class) }

// Cloud is the storage service a location names.
type Cloud string

// The storage services; Any is a bare bucket or account name, which may be
// any of them.
const (
	S3    Cloud = "s3"
	GCS   Cloud = "gs"
	Azure Cloud = "azure"
	Any   Cloud = ""
)

// Location is a storage location: a bucket (or an Azure storage account and
// container) and a key prefix within it.
type Location struct {
	Cloud  Cloud
	Bucket string // S3 or GCS bucket, Azure storage account
	// Container is the Azure Blob container; empty for S3 and GCS.
	Container string
	Prefix    string // key prefix without a leading slash; empty: the whole bucket
}

// String writes the location as a URI.
func (l Location) String() string {
	// A prefix keeps its trailing slash: raw/ is a folder, raw is also
	// raw-old.
	switch {
	case (l.Cloud == S3 || l.Cloud == GCS) && l.Prefix == "":
		return string(l.Cloud) + "://" + l.Bucket
	case l.Cloud == S3 || l.Cloud == GCS:
		return string(l.Cloud) + "://" + l.Bucket + "/" + l.Prefix
	case l.Cloud == Azure && l.Container == "" && l.Prefix == "":
		return "https://" + l.Bucket + ".blob.core.windows.net"
	case l.Cloud == Azure && l.Prefix == "":
		return "https://" + l.Bucket + ".blob.core.windows.net/" + l.Container
	case l.Cloud == Azure:
		return "https://" + l.Bucket + ".blob.core.windows.net/" + l.Container + "/" + l.Prefix
	}
	return l.Bucket
}

// ParseLocation reads s3://bucket/prefix, gs://bucket/prefix,
// https://ACCOUNT.blob.core.windows.net/container/prefix,
// abfss://container@ACCOUNT.dfs.core.windows.net/prefix (also abfs, wasb,
// wasbs) or a bare bucket or storage account name.
func ParseLocation(s string) (Location, error) {
	scheme, rest, found := strings.Cut(s, "://")
	if !found {
		if s == "" || strings.ContainsAny(s, "/:* ") {
			return Location{}, fmt.Errorf("%q is neither a bucket name nor an s3://, gs:// or Azure Blob URI", s)
		}
		return Location{Bucket: s}, nil
	}
	host, path, _ := strings.Cut(rest, "/")
	var l Location
	switch strings.ToLower(scheme) {
	case "s3", "gs":
		l = Location{Cloud: Cloud(strings.ToLower(scheme)), Bucket: host, Prefix: path}
	case "https":
		account, ok := strings.CutSuffix(strings.ToLower(host), ".blob.core.windows.net")
		if !ok {
			return Location{}, fmt.Errorf("%q: an https location must be an Azure Blob URI (ACCOUNT.blob.core.windows.net)", s)
		}
		container, prefix, _ := strings.Cut(path, "/")
		l = Location{Cloud: Azure, Bucket: account, Container: container, Prefix: prefix}
	case "abfs", "abfss", "wasb", "wasbs":
		container, h, ok := strings.Cut(host, "@")
		account, _, _ := strings.Cut(h, ".")
		if !ok || account == "" {
			return Location{}, fmt.Errorf("%q: want %s://CONTAINER@ACCOUNT.dfs.core.windows.net/PATH", s, scheme)
		}
		l = Location{Cloud: Azure, Bucket: strings.ToLower(account), Container: container, Prefix: path}
	default:
		return Location{}, fmt.Errorf("%q: unknown scheme %q (want s3, gs, https for Azure Blob, abfss or wasbs)", s, scheme)
	}
	if l.Bucket == "" || strings.ContainsAny(l.Bucket, "*?") {
		return Location{}, fmt.Errorf("%q names no bucket", s)
	}
	// Leading slashes say nothing: s3://b//k and s3://b/k are read as one.
	l.Prefix = strings.TrimLeft(l.Prefix, "/")
	return l, nil
}

// Entry is one classified location, or the storage resources of the
// infrastructure whose addresses a pattern matches.
type Entry struct {
	Location Location
	// Resource is a pattern over resource addresses (path.Match syntax:
	// aws_s3_bucket.training, module.data.*), for storage whose name is
	// known only after apply; empty for a location.
	Resource string
	// Classes are info types, or Personal.
	Classes []string
	// Source says where the classification comes from: a classification
	// file and dataset, or a settings file and line.
	Source string
}

// Personal reports whether the entry says the location holds personal data
// or secrets.
func (e Entry) Personal() bool {
	return slices.ContainsFunc(e.Classes, func(c string) bool { return !notPersonal[c] })
}

// Map is a set of classified locations. The zero value and nil hold none.
type Map struct {
	entries []Entry
	// used marks the entries a rule found storage or a read for, by index,
	// so that one that matched nothing can be said (rules run in
	// parallel).
	mu   sync.Mutex
	used map[int]bool
}

// Add records a location's classes.
func (m *Map) Add(e Entry) { m.entries = append(m.entries, e) }

// Merge returns a map holding the entries of both; either may be nil.
func Merge(a, b *Map) *Map {
	switch {
	case a.Len() == 0:
		return b
	case b.Len() == 0:
		return a
	}
	return &Map{entries: append(slices.Clip(a.entries), b.entries...)}
}

// mark records that entry i matched.
func (m *Map) mark(i int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.used == nil {
		m.used = map[int]bool{}
	}
	m.used[i] = true
}

// Used returns the entries that matched storage or a read so far.
func (m *Map) Used() []Entry {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Entry
	for i, e := range m.entries {
		if m.used[i] {
			out = append(out, e)
		}
	}
	return out
}

// Len is the number of entries.
func (m *Map) Len() int {
	if m == nil {
		return 0
	}
	return len(m.entries)
}

// Entries returns the entries in the order they were added.
func (m *Map) Entries() []Entry {
	if m == nil {
		return nil
	}
	return m.entries
}

// Stored returns the entries of personal data kept in a bucket (an S3 or GCS
// bucket, an Azure storage account) of the given service: by its name when
// known, or by the address of the resource that declares it.
func (m *Map) Stored(cloud Cloud, bucket string, known bool, address string) []Entry {
	var out []Entry
	for i, e := range m.Entries() {
		match := false
		switch {
		case !e.Personal():
		case e.Resource != "":
			match, _ = path.Match(e.Resource, address)
		default:
			match = known && (e.Location.Cloud == cloud || e.Location.Cloud == Any) && sameBucket(cloud, e.Location.Bucket, bucket)
		}
		if match {
			m.mark(i)
			out = append(out, e)
		}
	}
	return out
}

// Where says where an entry's data is: its location, or the resources it
// names.
func (e Entry) Where() string {
	if e.Resource != "" {
		return "resources " + e.Resource
	}
	return e.Location.String()
}

// Read returns the entries of personal data a read of the location reaches:
// the location is the classified data, or a prefix above it, or a part of it.
func (m *Map) Read(l Location) []Entry {
	var out []Entry
	for i, e := range m.Entries() {
		el := e.Location
		if !e.Personal() || e.Resource != "" || (el.Cloud != l.Cloud && el.Cloud != Any) || !sameBucket(l.Cloud, el.Bucket, l.Bucket) {
			continue
		}
		if el.Cloud == Azure && el.Container != "" && l.Container != "" && el.Container != l.Container {
			continue
		}
		if strings.HasPrefix(el.Prefix, l.Prefix) || within(l.Prefix, el.Prefix) {
			m.mark(i)
			out = append(out, e)
		}
	}
	return out
}

// within reports whether key is in the folder or object named by prefix:
// a read of raw/2026/ is within raw, not within raw-old.
func within(key, prefix string) bool {
	rest, ok := strings.CutPrefix(key, prefix)
	return ok && (prefix == "" || rest == "" || strings.HasSuffix(prefix, "/") || rest[0] == '/')
}

// sameBucket compares names as the service does: Azure storage account
// names are case-insensitive, bucket names are not.
func sameBucket(cloud Cloud, a, b string) bool {
	if cloud == Azure {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// Describe says, for a message, what the entries hold, where, and how that
// is known: "EMAIL_ADDRESS, PHONE_NUMBER under s3://b/crm/ (classes.json)".
// Long lists are cut short with a count of the rest.
func Describe(entries []Entry) string {
	var classes, where, sources []string
	for _, e := range entries {
		for _, c := range e.Classes {
			if !notPersonal[c] && !slices.Contains(classes, c) {
				classes = append(classes, c)
			}
		}
		if w := e.Where(); !slices.Contains(where, w) {
			where = append(where, w)
		}
		if !slices.Contains(sources, e.Source) {
			sources = append(sources, e.Source)
		}
	}
	slices.SortFunc(classes, func(a, b string) int { return cmp.Or(Grave[b]-Grave[a], strings.Compare(a, b)) })
	if i := slices.Index(classes, Personal); i >= 0 {
		classes[i] = "personal data"
	}
	return cut(classes, 4, "info types") + " under " + cut(where, 2, "locations") + " (" + cut(sources, 2, "sources") + ")"
}

// cut joins the first n items and counts the rest.
func cut(items []string, n int, what string) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more %s", strings.Join(items[:n], ", "), len(items)-n, what)
}
