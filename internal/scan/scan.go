// Package scan is the library entry point of `mlguard scan`: it discovers and
// parses the inputs, adapts them into the typed models, runs the rules, and
// applies configuration, inline suppressions and baselines. The CLI is a thin
// layer over Run.
package scan

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	adaptcfn "github.com/mlguard/mlguard/internal/adapt/cloudformation/aws"
	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/bicep"
	"github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/helm"
	kubeparse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/suppress"
)

// Target is one path given to the scan: a filesystem, the path inside it to
// scan, and the prefix that turns paths inside it into the paths users see.
type Target struct {
	FS     fs.FS
	Root   string // "." for a directory target, the file name for a file target
	Prefix string // joined in front of reported paths
	// Anchor is joined in front of paths in fingerprints: the path from the
	// repository root to the root of FS, so that a finding keeps its
	// fingerprint however the tree was named on the command line.
	Anchor string
	// Config, when set, is the settings that apply (--config, or a
	// .mlguard.yaml found above the target); nil reads FileName at the
	// target's root. ConfigBase is the path from the settings file's
	// directory to the root of FS, which its path patterns are relative to.
	Config     *config.Config
	ConfigBase string
}

// Options control a scan.
type Options struct {
	Rules     []*rule.Rule // nil means every registered rule
	Terraform terraform.Options
	// CloudFormation holds parameter values for templates (--cfn-param).
	CloudFormation cloudformation.Options
	// ARM holds parameter values for ARM templates (--arm-param).
	ARM arm.Options
	// Helm holds the values charts are rendered with (--helm-values,
	// --helm-set) and the bounds of rendering.
	Helm   helm.Options
	Limits source.Limits
	// NoInline ignores inline suppression comments, whatever .mlguard.yaml says.
	NoInline bool
	Baseline *suppress.Baseline
	// KnownRules are the rule IDs that settings and suppression comments
	// may name without a warning; nil means the IDs of Rules.
	KnownRules map[string]bool
	// Now is the day against which suppression expiry dates are checked.
	Now time.Time
	// OnInput, when set, is handed each unit's rule input (named by the
	// unit: a root module, a plan, a template) before the rules run on it;
	// mlguard scan --dump-input prints them. It is called from several
	// goroutines.
	OnInput func(unit string, in *rule.Input)
	// DataClassification says which storage holds personal data (scan
	// --data-classification); a target's data_classification settings add
	// to it.
	DataClassification *dataclass.Map
}

// Result is everything a scan found.
type Result struct {
	Findings []rule.Finding     `json:"findings"`
	Files    []string           `json:"files_scanned"`
	Errors   source.Diagnostics `json:"errors"`   // inputs that could not be read or evaluated
	Warnings source.Diagnostics `json:"warnings"` // inputs read with a caveat
	Rules    []*rule.Rule       `json:"-"`
	// Types counts the resources of each type read, by each of their
	// TypeNames (AWS::S3::Bucket counts as aws_s3_bucket too), so that a
	// report can tell a rule that found nothing from a rule that had
	// nothing to check.
	Types map[string]int `json:"-"`
	// Unknowns are the values that cannot be known before apply, which no
	// rule judged, so that a report can show what was not checked.
	Unknowns []Unknown `json:"unknowns"`
	// Ran lists the rules that ran on at least one input (a rule disabled in
	// .mlguard.yaml did not), so a report does not count them as checks.
	Ran map[string]bool `json:"-"`
	// classes are the data classifications the targets were scanned with,
	// to tell the entries that matched nothing.
	classes []*dataclass.Map
}

// Unknown is a value of a resource that could not be known at scan time
// (an unset variable, a computed attribute), named in the model's terms.
type Unknown struct {
	Resource     string `json:"resource"`
	ResourceType string `json:"resource_type"`
	Attribute    string `json:"attribute"`
	File         string `json:"file"`
	Line         int    `json:"line"`
}

// Run scans the targets.
func Run(ctx context.Context, targets []Target, opts Options) (*Result, error) {
	if opts.Rules == nil {
		opts.Rules = rule.All()
	}
	if opts.Limits == (source.Limits{}) {
		opts.Limits = source.DefaultLimits
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.KnownRules == nil {
		opts.KnownRules = map[string]bool{}
		for _, r := range opts.Rules {
			opts.KnownRules[r.ID] = true
		}
	}
	res := &Result{Rules: opts.Rules, Types: map[string]int{}, Ran: map[string]bool{}}
	for _, t := range targets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		tr, err := scanTarget(ctx, t, opts)
		if err != nil {
			return nil, err
		}
		res.merge(tr)
	}
	res.Warnings = append(res.Warnings, unmatchedClasses(res)...)
	res.sort()
	return res, nil
}

// unmatchedClasses warns of each classification entry that no storage, and
// no read of a job, of any target matched, when the rules that read them
// ran: a mistyped bucket name would otherwise pass in silence.
func unmatchedClasses(res *Result) source.Diagnostics {
	ran := false
	for _, r := range res.Rules {
		ran = ran || r.Classified && res.Ran[r.ID]
	}
	if !ran {
		return nil
	}
	key := func(e dataclass.Entry) string { return e.Where() + "\x00" + e.Source }
	used := map[string]bool{}
	for _, m := range res.classes {
		for _, e := range m.Used() {
			used[key(e)] = true
		}
	}
	var out source.Diagnostics
	for _, m := range res.classes {
		for _, e := range m.Entries() {
			if k := key(e); !used[k] && e.Personal() {
				used[k] = true // once
				out = append(out, source.Diagnostic{Severity: source.SevWarning, Range: source.Range{File: e.Source},
					Summary: "Classification matched nothing",
					Detail: fmt.Sprintf("%s names no bucket, storage account or job input of this scan: check the name, or give --var, "+
						"--cfn-param or --arm-param for names made from inputs, or classify the resource with resource:ADDRESS", e.Where())})
			}
		}
	}
	return out
}

func (r *Result) merge(o *Result) {
	r.classes = append(r.classes, o.classes...)
	r.Findings = append(r.Findings, o.Findings...)
	r.Files = append(r.Files, o.Files...)
	r.Errors = append(r.Errors, o.Errors...)
	r.Warnings = append(r.Warnings, o.Warnings...)
	r.Unknowns = append(r.Unknowns, o.Unknowns...)
	for t, n := range o.Types {
		r.Types[t] += n
	}
	for id := range o.Ran {
		r.Ran[id] = true
	}
}

func (r *Result) sort() {
	// Units are checked concurrently; the fingerprint makes the order of
	// findings that share a place the same on every run.
	slices.SortFunc(r.Findings, func(a, b rule.Finding) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.StartLine, b.StartLine),
			strings.Compare(a.RuleID, b.RuleID), strings.Compare(a.Resource, b.Resource), strings.Compare(a.Fingerprint, b.Fingerprint),
			strings.Compare(a.Message, b.Message))
	})
	// A module that several root modules call is evaluated once for each:
	// what it gives the same way every time is one finding, not one per
	// caller. Findings that differ (other inputs, other values) stay.
	r.Findings = slices.CompactFunc(r.Findings, func(a, b rule.Finding) bool {
		return a.RuleID == b.RuleID && a.File == b.File && a.StartLine == b.StartLine && a.EndLine == b.EndLine &&
			a.Resource == b.Resource && a.Fingerprint == b.Fingerprint && a.Message == b.Message &&
			(a.Suppression == nil) == (b.Suppression == nil)
	})
	sort.Strings(r.Files)
	slices.SortFunc(r.Unknowns, func(a, b Unknown) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			strings.Compare(a.Resource, b.Resource), strings.Compare(a.Attribute, b.Attribute))
	})
	r.Unknowns = slices.Compact(r.Unknowns)
}

// targetScan holds the state of scanning one target.
type targetScan struct {
	t      Target
	opts   Options
	cfg    *config.Config
	mu     sync.Mutex
	inline map[string]*suppress.Inline
	// classes are the classified locations of the options and the settings.
	classes *dataclass.Map
}

func scanTarget(ctx context.Context, t Target, opts Options) (*Result, error) {
	res := &Result{Types: map[string]int{}, Ran: map[string]bool{}}
	tree, err := source.Discover(ctx, t.FS, t.Root, opts.Limits)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", display(t, t.Root), err)
	}
	cfg := t.Config
	if cfg == nil {
		if cfg, err = config.Load(t.FS, rootDir(t)); err != nil {
			return nil, fmt.Errorf("scan %s: %w", display(t, t.Root), err)
		}
	}
	ts := &targetScan{t: t, opts: opts, cfg: cfg, inline: map[string]*suppress.Inline{},
		classes: dataclass.Merge(opts.DataClassification, cfg.Classification)}
	if ts.classes.Len() > 0 {
		res.classes = append(res.classes, ts.classes)
	}
	tree.Files = ts.included(tree.Files)
	ts.diagnose(res, tree.Diagnostics)
	// Settings diagnostics name the settings file as it was found.
	res.Warnings = append(res.Warnings, ts.checkSettings()...)
	if len(tree.Files) == 0 && !tree.Diagnostics.HasErrors() {
		res.Warnings = append(res.Warnings, source.Diagnostic{Severity: source.SevWarning,
			Range: source.Range{File: display(t, t.Root)}, Summary: "Nothing to scan",
			Detail: "no Terraform, plan or state JSON, CloudFormation, ARM, Bicep, Kubernetes, Helm chart, kustomization or IAM policy file was found here"})
	}

	// Each unit is checked as soon as it is evaluated or read, in the worker
	// that made it, and then let go: memory holds findings, not every
	// evaluated document of the tree at once.
	units := 0
	check := func(u unit) {
		fs, unknowns, diags := ts.checkUnit(ctx, u)
		ts.mu.Lock()
		defer ts.mu.Unlock()
		units++
		res.Findings = append(res.Findings, fs...)
		res.Unknowns = append(res.Unknowns, unknowns...)
		ts.diagnose(res, diags)
		for _, typ := range u.types {
			for _, t := range TypeNames(typ) {
				res.Types[t]++
			}
		}
	}
	var comments source.Diagnostics
	if !opts.NoInline && cfg.InlineAllowed() {
		comments = ts.checkComments(ctx, tree)
	}
	in := readInput{tree: tree, root: t.Root, opts: opts, check: check, claims: &claims{}}
	for _, r := range readers {
		diags, err := r.read(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("scan %s: %w", display(t, t.Root), err)
		}
		ts.diagnose(res, diags)
	}
	ts.diagnose(res, comments)
	for _, f := range tree.Files {
		res.Files = append(res.Files, display(t, f.Path))
	}
	for _, r := range opts.Rules {
		if units > 0 && ts.runs(r) {
			res.Ran[r.ID] = true
		}
	}
	return res, nil
}

// rootDir is the directory whose .mlguard.yaml applies to the target.
func rootDir(t Target) string {
	if info, err := fs.Stat(t.FS, t.Root); err == nil && info.IsDir() {
		return t.Root
	}
	return path.Dir(t.Root)
}

func display(t Target, p string) string {
	if t.Prefix == "" {
		return p
	}
	return path.Join(t.Prefix, p)
}

// cfgPath is a path inside the target as the settings' path patterns see it.
func (ts *targetScan) cfgPath(p string) string { return path.Join(ts.t.ConfigBase, p) }

func (ts *targetScan) included(files []source.File) []source.File {
	var out []source.File
	for _, f := range files {
		if !ts.cfg.Excluded(ts.cfgPath(f.Path)) {
			out = append(out, f)
		}
	}
	return out
}

// diagnose files diagnostics under errors or warnings, with user-facing paths.
func (ts *targetScan) diagnose(res *Result, ds source.Diagnostics) {
	for _, d := range ds {
		if d.Range.File != "" {
			d.Range.File = display(ts.t, d.Range.File)
		}
		if d.Severity == source.SevError {
			res.Errors = append(res.Errors, d)
		} else {
			res.Warnings = append(res.Warnings, d)
		}
	}
}

// unit is what rules run on together: one Terraform root module, one plan,
// one template. Its model is built when the unit is checked, in parallel.
type unit struct {
	name  string
	types []string // the type of each resource, as its source names it
	build func() *rule.Input
	// rendered, for a unit a renderer produced (a chart, a kustomization),
	// says what rendered the line a finding points at.
	rendered func(file string, line int) *rule.Rendering
}

// emptyUnit stands for a file that could not be read: nothing to check.
func emptyUnit(name string) unit {
	return unit{name: name, build: func() *rule.Input { return (&rule.Input{}).Fill() }}
}

// checkUnit adapts one unit and runs every enabled rule on it. A rule that
// panics is reported as an error diagnostic; the other rules still run.
func (ts *targetScan) checkUnit(ctx context.Context, u unit) ([]rule.Finding, []Unknown, source.Diagnostics) {
	var out []rule.Finding
	var diags source.Diagnostics
	in, err := adapt(u)
	if err != nil {
		diags.Errorf(source.Range{File: u.name}, "Internal error", "building the model failed: %v; please report it", err)
		return nil, nil, diags
	}
	in.Data = ts.classes
	var unknowns []Unknown
	for _, m := range in.Models() {
		for _, k := range model.Unknowns(m) {
			unknowns = append(unknowns, Unknown{Resource: k.Resource, ResourceType: k.Type, Attribute: k.Attribute,
				File: display(ts.t, k.Range.File), Line: k.Range.StartLine})
		}
	}
	if ts.opts.OnInput != nil {
		ts.opts.OnInput(display(ts.t, u.name), in)
	}
	for _, r := range ts.opts.Rules {
		if !ts.runs(r) {
			continue
		}
		results, err := runRule(ctx, r, in)
		if err != nil {
			diags.Errorf(source.Range{File: u.name}, "Rule failed", "%s: %v", r.ID, err)
			continue
		}
		for _, res := range results {
			out = append(out, ts.finding(r, res, u.rendered))
		}
	}
	return dedupeFindings(out), unknowns, diags
}

// runs reports whether a rule runs on this target: it is not disabled, and
// a rule about classified storage has a classification to go by.
func (ts *targetScan) runs(r *rule.Rule) bool {
	return !ts.cfg.Disabled(r.ID) && (!r.Classified || ts.classes.Len() > 0)
}

func adapt(u unit) (in *rule.Input, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return u.build(), nil
}

func runRule(ctx context.Context, r *rule.Rule, in *rule.Input) (results []rule.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return r.Run(ctx, in)
}

// dedupeFindings drops repeats of a finding (a rule reaching the same place
// twice through different links).
func dedupeFindings(fs []rule.Finding) []rule.Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := f.Fingerprint + fmt.Sprint(f.StartLine)
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

func (ts *targetScan) finding(r *rule.Rule, res rule.Result, rendered func(string, int) *rule.Rendering) rule.Finding {
	rng := res.Range
	if rng.File == "" {
		rng = res.Resource.Range
	}
	value := res.Value
	f := rule.Finding{
		RuleID: r.ID, Title: r.Title, Severity: r.Severity, Category: r.Category,
		Resource: res.Resource.Address, ResourceType: res.Resource.Type, Format: res.Resource.Format, Construct: res.Resource.Construct,
		File: display(ts.t, rng.File), StartLine: rng.StartLine, EndLine: max(rng.EndLine, rng.StartLine),
		Message: res.Message, Remediation: r.Remediation, Frameworks: r.Frameworks, Rule: r,
	}
	if f.Format == cloudformation.Format {
		f.Message = adaptcfn.Spell(f.Message)
	}
	if sev, ok := ts.cfg.SeverityOverrides[r.ID]; ok {
		f.Severity = sev
	}
	if rendered != nil {
		// One base built by two overlays, or one chart judged twice, gives
		// two findings on the same line: the root tells them apart.
		f.Rendered = rendered(rng.File, rng.StartLine)
		value += "\x00" + path.Join(ts.t.Anchor, f.Rendered.Root)
		f.Rendered.Root = display(ts.t, f.Rendered.Root)
	}
	f.Fingerprint = Fingerprint(r.ID, path.Join(ts.t.Anchor, rng.File), f.Resource, value)
	f.Suppression = ts.suppression(f, res, rng)
	return f
}

// Fingerprint identifies a finding across runs: it covers the rule, the file
// (its path from the repository root, see Target.Anchor), the resource
// address and the offending value, and not the line, so it survives edits
// that move the resource and does not depend on where the scan was run from.
func Fingerprint(ruleID, file, resource, value string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{ruleID, file, resource, value}, "\x00")))
	return hex.EncodeToString(h[:16])
}

func (ts *targetScan) suppression(f rule.Finding, res rule.Result, rng source.Range) *rule.Suppression {
	if ig := ts.cfg.Ignored(f.RuleID, f.Resource, ts.cfgPath(rng.File), ts.opts.Now); ig != nil {
		return &rule.Suppression{Kind: "config", Reason: ig.Reason, Expires: ig.Expires}
	}
	if !ts.opts.NoInline && ts.cfg.InlineAllowed() && commented(res.Resource.Format) {
		lines := []int{res.Resource.Range.StartLine}
		if rng.File == res.Resource.Range.File {
			lines = append(lines, rng.StartLine)
		}
		if s := ts.inlineFor(res.Resource.Range.File).Find(f.RuleID, ts.opts.Now, lines...); s != nil {
			return s
		}
	}
	if ts.opts.Baseline.Contains(f.Fingerprint) {
		return &rule.Suppression{Kind: "baseline", Reason: "recorded in the baseline"}
	}
	return nil
}

// commented reports whether a format has comments that can hold inline
// suppressions (ARM templates take // comments). Plan JSON and JSON
// CloudFormation templates have none; their findings are suppressed in
// .mlguard.yaml or a baseline.
func commented(format string) bool {
	return format == terraform.FormatHCL || format == cloudformation.Format || format == kubeparse.Format || format == arm.Format || format == bicep.Format
}

// inlineFor returns the suppression comments of a file, reading it once.
func (ts *targetScan) inlineFor(p string) *suppress.Inline {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if in, ok := ts.inline[p]; ok {
		return in
	}
	data, _ := source.ReadFile(ts.t.FS, p, ts.opts.Limits.MaxFileBytes)
	in := suppress.NewInline(data)
	ts.inline[p] = in
	return in
}
