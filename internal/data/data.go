// Package data is the library behind `mlguard data scan`: it finds the
// dataset files under the paths given, streams their records, looks for
// personal data and secrets in every value (internal/data/detect),
// classifies each column or field by what most of its values are, and
// reports where, with redacted examples only.
package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/data/detect"
	"github.com/mlguard/mlguard/internal/data/read"
	"github.com/mlguard/mlguard/internal/rule"
)

// DefaultSample is how many records of a file are read unless --sample or
// --full says otherwise: every record of a file up to a million.
const DefaultSample = 1_000_000

// Options control a data scan.
type Options struct {
	Sample  int64 // records read per file; 0 means DefaultSample
	Full    bool  // read every record
	Regions []string
	Limits  read.Limits
	Accept  []Accept
}

// Accept is an accepted column or info type under a path, with a reason
// (.mlguard.yaml, data.accept).
type Accept struct {
	Path   string      `yaml:"path" json:"path"`     // glob over file paths; empty means any
	Column string      `yaml:"column" json:"column"` // column or field; empty means any
	Type   detect.Type `yaml:"type" json:"type"`     // info type; empty means any
	Reason string      `yaml:"reason" json:"reason"`
}

// Result is what a data scan found.
type Result struct {
	Datasets []*Dataset  `json:"datasets"`
	Skipped  []Skipped   `json:"skipped"`
	Errors   []FileError `json:"errors"`
	Files    int         `json:"files_read"`
	Bytes    int64       `json:"bytes_read"`
	Records  int64       `json:"records_read"`
}

// Dataset is one file, or the shards of one split of a Hugging Face-style
// dataset folder (data/train-00000-of-00004.parquet ...).
type Dataset struct {
	Path      string      `json:"path"`
	Format    read.Format `json:"format"`
	Files     []string    `json:"files"`
	Records   int64       `json:"records"`
	Truncated bool        `json:"sampled,omitempty"`
	Ragged    int64       `json:"ragged_rows,omitempty"`
	BadLines  int         `json:"malformed_lines,omitempty"`
	Columns   []*Column   `json:"columns"`
}

// Column is what one column or field holds.
type Column struct {
	Name string `json:"name"`
	// Class is the column's info type, when at least half of its values
	// are one; Share is that part, Confidence how sure the class is.
	Class      detect.Type `json:"class,omitempty"`
	Share      float64     `json:"share,omitempty"`
	Confidence string      `json:"confidence,omitempty"`
	Values     int64       `json:"values"` // values that are not empty
	Types      []*Found    `json:"info_types"`
	Accepted   *Accept     `json:"accepted,omitempty"`
}

// Found is one info type in a column.
type Found struct {
	Type     detect.Type `json:"type"`
	Cells    int64       `json:"cells"`   // values holding at least one
	Matches  int64       `json:"matches"` // all of them
	Whole    int64       `json:"whole"`   // values that are one and nothing else
	Examples []string    `json:"examples"`
	First    Location    `json:"first"`
}

// Location is where a value is: a line of a text file, or a Parquet row
// group and row.
type Location struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	RowGroup int    `json:"row_group,omitempty"`
	Row      int64  `json:"row,omitempty"`
}

// Skipped counts files that are not datasets, by extension, and the
// directories not descended into.
type Skipped struct {
	Kind  string `json:"kind"`
	Files int    `json:"files"` // files, or directories when Dirs is set
	Dirs  bool   `json:"directories,omitempty"`
	Note  string `json:"note"`
}

// FileError is a file that could not be read, or read to its end.
type FileError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	// Partial is set when the rest of the file was read (malformed rows
	// skipped).
	Partial bool `json:"partial,omitempty"`
}

// Scan reads the datasets under paths.
func Scan(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if opts.Limits == (read.Limits{}) {
		opts.Limits = read.DefaultLimits
	}
	switch {
	case opts.Full:
		opts.Limits.MaxRecords = 0
	case opts.Sample > 0:
		opts.Limits.MaxRecords = opts.Sample
	default:
		opts.Limits.MaxRecords = DefaultSample
	}
	res := &Result{}
	files, skipped, errs := find(paths)
	res.Skipped, res.Errors = skipped, errs
	det := detect.New(detect.Options{Regions: opts.Regions})
	parts := make([]*part, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		g.Go(func() error {
			parts[i] = scanFile(gctx, f, det, opts.Limits)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	groups := map[string]*Dataset{}
	stats := map[string]map[string]*colStats{}
	for _, p := range parts {
		res.Files++
		res.Bytes += p.info.Bytes
		res.Records += p.info.Records
		if p.err != nil {
			res.Errors = append(res.Errors, *p.err)
			if !p.err.Partial && p.info.Records == 0 {
				continue
			}
		}
		key := shardGroup(p.file)
		ds, ok := groups[key]
		if !ok {
			ds = &Dataset{Path: key, Format: p.info.Format}
			groups[key] = ds
			stats[key] = map[string]*colStats{}
			res.Datasets = append(res.Datasets, ds)
		}
		ds.Files = append(ds.Files, p.file)
		ds.Records += p.info.Records
		ds.Truncated = ds.Truncated || p.info.Truncated
		ds.Ragged += p.info.Ragged
		ds.BadLines += p.info.BadLines
		for name, cs := range p.cols {
			if prev, ok := stats[key][name]; ok {
				prev.merge(cs)
			} else {
				stats[key][name] = cs
			}
		}
	}
	for _, ds := range res.Datasets {
		ds.Columns = columns(stats[ds.Path], ds, opts.Accept)
	}
	sort.Slice(res.Datasets, func(i, j int) bool { return res.Datasets[i].Path < res.Datasets[j].Path })
	return res, nil
}

// part is what reading one file gave.
type part struct {
	file string
	info read.Info
	cols map[string]*colStats
	err  *FileError
}

func scanFile(ctx context.Context, file string, det *detect.Detector, lim read.Limits) *part {
	p := &part{file: file, cols: map[string]*colStats{}}
	// Columns are looked up by name once per position: in a table the
	// same header string comes back at the same place in every row.
	var at []*colStats
	info, err := read.File(ctx, file, lim, func(r read.Record) error {
		loc := Location{File: file, Line: r.Line, RowGroup: r.RowGroup, Row: r.Row}
		for i, c := range r.Cells {
			if i >= len(at) {
				at = append(at, nil)
			}
			cs := at[i]
			if cs == nil || cs.name != c.Column {
				if cs = p.cols[c.Column]; cs == nil {
					cs = &colStats{name: c.Column, col: det.Column(c.Column), types: map[detect.Type]*Found{}}
					p.cols[c.Column] = cs
				}
				at[i] = cs
			}
			cs.add(c.Value, det.FindIn(c.Value, cs.col), &loc)
		}
		return nil
	})
	p.info = info
	if err != nil {
		fe := &FileError{File: file, Message: err.Error(), Partial: read.Partial(err)}
		if re, ok := errorAt(err); ok {
			fe.Line, fe.Message = re.Line, re.Msg
			if re.RowGroup >= 0 {
				fe.Message = fmt.Sprintf("row group %d: %s", re.RowGroup, re.Msg)
			}
		}
		p.err = fe
	}
	return p
}

// colStats accumulates what the values of one column hold.
type colStats struct {
	name   string
	col    detect.Column // what the name says
	values int64
	types  map[detect.Type]*Found
}

// maxExamples is how many redacted examples a column keeps per type.
const maxExamples = 2

func (c *colStats) add(v string, ms []detect.Match, loc *Location) {
	c.values++
	if len(ms) == 0 {
		return
	}
	var seen []detect.Type
	trimmed := strings.TrimSpace(v)
	lead := strings.Index(v, trimmed)
	for _, m := range ms {
		f := c.types[m.Type]
		if f == nil {
			f = &Found{Type: m.Type, First: *loc}
			c.types[m.Type] = f
		}
		f.Matches++
		if !slices.Contains(seen, m.Type) {
			seen = append(seen, m.Type)
			f.Cells++
			if m.Start <= lead && m.End >= lead+len(trimmed) {
				f.Whole++
			}
		}
		if len(f.Examples) < maxExamples && !slices.Contains(f.Examples, m.Redacted) {
			f.Examples = append(f.Examples, m.Redacted)
		}
	}
}

func (c *colStats) merge(o *colStats) {
	c.values += o.values
	for t, f := range o.types {
		mine := c.types[t]
		if mine == nil {
			c.types[t] = f
			continue
		}
		mine.Cells += f.Cells
		mine.Matches += f.Matches
		mine.Whole += f.Whole
		for _, e := range f.Examples {
			if len(mine.Examples) < maxExamples && !slices.Contains(mine.Examples, e) {
				mine.Examples = append(mine.Examples, e)
			}
		}
	}
}

// columns classifies each column that holds something, sorted by name.
func columns(stats map[string]*colStats, ds *Dataset, accept []Accept) []*Column {
	var out []*Column
	for name, cs := range stats {
		if len(cs.types) == 0 {
			continue
		}
		col := &Column{Name: name, Values: cs.values}
		for _, t := range detect.Types {
			if f := cs.types[t]; f != nil {
				col.Types = append(col.Types, f)
			}
		}
		classify(col)
		col.Accepted = accepted(accept, ds, col)
		out = append(out, col)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// classify gives a column the info type at least half of its values are,
// wholly. Confidence is high when four in five are and the type is one
// whose values are validated (checksums, number plans) or the column's
// name says the same; medium otherwise.
func classify(col *Column) {
	var best *Found
	for _, f := range col.Types {
		if best == nil || f.Whole > best.Whole {
			best = f
		}
	}
	if best == nil || col.Values == 0 {
		return
	}
	share := float64(best.Whole) / float64(col.Values)
	if share < 0.5 {
		return
	}
	col.Class, col.Share, col.Confidence = best.Type, share, "medium"
	if share >= 0.8 && (validated[best.Type] || nameSays(col.Name, best.Type)) {
		col.Confidence = "high"
	}
}

// validated are the types whose values are checked beyond their shape.
var validated = map[detect.Type]bool{detect.Card: true, detect.IBAN: true, detect.SSN: true, detect.ITIN: true,
	detect.UKNIN: true, detect.CASIN: true, detect.Phone: true, detect.Email: true, detect.Secret: true, detect.MAC: true,
	detect.IPPublic: true, detect.IPPrivate: true}

// typeWords are the words a column named for a type holds.
var typeWords = map[detect.Type][]string{
	detect.Email: {"email", "mail"}, detect.Phone: {"phone", "mobile", "tel"}, detect.Card: {"card", "pan", "cc_"},
	detect.IBAN: {"iban", "account"}, detect.SSN: {"ssn", "social"}, detect.ITIN: {"itin", "tax"}, detect.UKNIN: {"nino", "nin", "national_insurance"},
	detect.CASIN: {"sin", "social_insurance"}, detect.IPPublic: {"ip", "addr"}, detect.IPPrivate: {"ip", "addr"}, detect.MAC: {"mac"},
	detect.DateOfBirth: {"birth", "dob"}, detect.PersonName: {"name"}, detect.StreetAddress: {"address", "street"},
	detect.Coordinates: {"lat", "lon", "lng", "coord"}, detect.Secret: {"key", "token", "secret", "password"},
}

func nameSays(name string, t detect.Type) bool {
	n := strings.ToLower(name)
	for _, w := range typeWords[t] {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// accepted is the first accept entry that covers the column: its path
// glob matches a file of the dataset, and its column and type (when set)
// are the column's.
func accepted(accept []Accept, ds *Dataset, col *Column) *Accept {
	for i, a := range accept {
		if a.Column != "" && a.Column != col.Name {
			continue
		}
		if a.Type != "" && !slices.ContainsFunc(col.Types, func(f *Found) bool { return f.Type == a.Type }) {
			continue
		}
		if a.Path != "" && !slices.ContainsFunc(ds.Files, func(f string) bool { return globMatch(a.Path, f) }) {
			continue
		}
		return &accept[i]
	}
	return nil
}

// globMatch matches a path against a settings glob (config.Glob: ** crosses
// directories) anchored at any of the path's directories, so that
// "crm/**/contacts.csv" covers datasets/crm/2024/contacts.csv.
func globMatch(glob, p string) bool {
	segs := strings.Split(filepath.ToSlash(p), "/")
	for i := range segs {
		if config.Glob(glob, strings.Join(segs[i:], "/")) {
			return true
		}
	}
	return false
}

// shardRe finds the shard suffix of a dataset split's files.
var shardRe = regexp.MustCompile(`-\d{5}-of-\d{5}(\.[a-z.]+)$`)

// shardGroup is the dataset a file belongs to: the split for shards
// (data/train-*.parquet), else the file itself.
func shardGroup(file string) string {
	if m := shardRe.FindStringSubmatchIndex(file); m != nil {
		return file[:m[0]] + "-*" + file[m[2]:m[3]]
	}
	return file
}

// find lists the dataset files under paths, counting the others.
func find(paths []string) (files []string, skipped []Skipped, errs []FileError) {
	others := map[string]int{}
	hidden := 0
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, FileError{File: root, Message: plain(err)})
			continue
		}
		if !st.IsDir() {
			_, _, ok := read.Detect(root)
			switch {
			case ok && st.Mode().IsRegular():
				files = append(files, root)
			case ok:
				errs = append(errs, FileError{File: root, Message: "not a regular file; not read"})
			default:
				errs = append(errs, FileError{File: root, Message: "not a dataset file mlguard reads (CSV, TSV, JSON, JSON Lines, Parquet, optionally .gz, .zst or .bz2)"})
			}
			continue
		}
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{File: p, Message: plain(err)})
				return nil
			}
			if d.IsDir() {
				if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					hidden++ // counted, so that nothing is skipped in silence
					return fs.SkipDir
				}
				return nil
			}
			if _, _, ok := read.Detect(p); ok {
				// A link is followed to a regular file; a named pipe or a
				// device is never opened (it could block the scan).
				if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
					errs = append(errs, FileError{File: p, Message: "not a regular file; not read"})
					return nil
				}
				files = append(files, p)
				return nil
			}
			others[kindOf(p)]++
			return nil
		})
	}
	for k, n := range others {
		skipped = append(skipped, Skipped{Kind: k, Files: n, Note: "not a dataset format mlguard reads; not scanned"})
	}
	if hidden > 0 {
		skipped = append(skipped, Skipped{Kind: "hidden or node_modules", Files: hidden, Dirs: true,
			Note: "not read; name them on the command line to scan them"})
	}
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Kind < skipped[j].Kind })
	slices.Sort(files)
	return slices.Compact(files), skipped, errs
}

func kindOf(p string) string {
	if e := strings.ToLower(path.Ext(p)); e != "" {
		return e
	}
	return "(no extension)"
}

// plain is an error without the path the report already names.
func plain(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func errorAt(err error) (*read.Error, bool) {
	var re *read.Error
	return re, errors.As(err, &re)
}

// Severity is how grave it is to find an info type in a training set.
func Severity(t detect.Type) rule.Severity {
	switch t {
	case detect.Secret:
		return rule.Critical
	case detect.Card, detect.SSN, detect.ITIN, detect.UKNIN, detect.CASIN, detect.IBAN:
		return rule.High
	case detect.IPPrivate:
		return rule.Low
	}
	return rule.Medium
}

// Finding is one info type in one column of a dataset: what reports list.
type Finding struct {
	Dataset  string        `json:"dataset"`
	Column   string        `json:"column"`
	Type     detect.Type   `json:"info_type"`
	Severity rule.Severity `json:"severity"`
	// Class is set when the column is of this type (most of its values
	// are one); otherwise the type was found inside free text.
	Class      bool     `json:"column_class"`
	Confidence string   `json:"confidence,omitempty"`
	Share      float64  `json:"share,omitempty"`
	Values     int64    `json:"values"`
	Cells      int64    `json:"cells"`
	Matches    int64    `json:"matches"`
	Examples   []string `json:"examples"`
	Location   Location `json:"location"`
	Accepted   *Accept  `json:"accepted,omitempty"`
}

// Findings lists every info type found, most severe first.
func (r *Result) Findings() []Finding {
	var out []Finding
	for _, ds := range r.Datasets {
		for _, c := range ds.Columns {
			for _, f := range c.Types {
				fd := Finding{Dataset: ds.Path, Column: c.Name, Type: f.Type, Severity: Severity(f.Type), Values: c.Values,
					Cells: f.Cells, Matches: f.Matches, Examples: f.Examples, Location: f.First, Accepted: c.Accepted}
				if c.Class == f.Type {
					fd.Class, fd.Confidence, fd.Share = true, c.Confidence, c.Share
				}
				out = append(out, fd)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity > out[j].Severity
		}
		if out[i].Dataset != out[j].Dataset {
			return out[i].Dataset < out[j].Dataset
		}
		return out[i].Column < out[j].Column
	})
	return out
}
