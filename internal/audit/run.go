package audit

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/azurelog"
	"github.com/mlguard/mlguard/internal/audit/baseline"
	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/flowlog"
	"github.com/mlguard/mlguard/internal/audit/gcplog"
	"github.com/mlguard/mlguard/internal/audit/jsonrec"
	"github.com/mlguard/mlguard/internal/audit/mlnet"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// Options control a run.
type Options struct {
	// Since and Until bound the detection window; events before Since only
	// teach the baseline, events after Until are read and not judged.
	Since, Until time.Time
	// Learn reads everything into the baseline and raises nothing.
	Learn bool
	// KnownNetworks are the operator's own address ranges.
	KnownNetworks []netip.Prefix
	// Baseline is the history to start from (a loaded state file); nil
	// starts empty. The run adds what it reads to it.
	Baseline *baseline.Baseline
	// Workers decode files in parallel; 0 means GOMAXPROCS.
	Workers int
	// MaxHeldEvents bounds the events held to sort one file, and the
	// reorder window of larger files; 0 means DefaultMaxHeldEvents.
	MaxHeldEvents int
	// Networks name the ML subnets the flow log detections judge; nil
	// when none were given.
	Networks *mlnet.Networks
	// FlowFields are the fields of flow log files with no header line;
	// nil means the default format.
	FlowFields []string
}

// Input is one path given to a run: a filesystem and the file or directory
// inside it, with the prefix that turns its paths into the ones users see.
type Input struct {
	FS     fs.FS
	Root   string
	Prefix string
}

// Result is what a run found.
type Result struct {
	Alerts []Alert `json:"alerts"`
	// Read counts every record; Analysed those decoded and judged (or, in
	// the learning window or after Until, learned or skipped); Rejected
	// those that could not be read, each listed.
	Read     int                `json:"records_read"`
	Analysed int                `json:"records_analysed"`
	Rejected []jsonrec.Rejected `json:"records_rejected"`
	Files    []string           `json:"files"`
	// Learned and Judged split the analysed records by window.
	Learned int `json:"records_learned"`
	Judged  int `json:"records_judged"`
	// Coverage says, per detector, whether the input held anything it
	// reads, so a clean result is not mistaken for safety.
	Coverage   []Coverage         `json:"coverage"`
	Principals []PrincipalSummary `json:"principals"`
	KeyUsage   []KeyUsage         `json:"key_usage"`
	// BaselineSpan is the history the baseline held when detection began.
	BaselineSpan time.Duration `json:"baseline_span_ns"`
}

// Coverage is what one detector had to look at.
type Coverage struct {
	Detector string `json:"detector"`
	Events   int    `json:"events"`
	Note     string `json:"note,omitempty"`
}

// PrincipalSummary gathers a principal's alerts.
type PrincipalSummary struct {
	Principal string        `json:"principal"`
	Alerts    int           `json:"alerts"`
	Highest   rule.Severity `json:"highest_severity"`
	Detectors []string      `json:"detectors"`
}

// KeyUsage is who used a KMS key that protects ML data, and how often.
type KeyUsage struct {
	Key        string         `json:"key"`
	Principals map[string]int `json:"principals"`
	FirstSeen  []string       `json:"first_seen_principals,omitempty"`
}

// fileResult is one decoded file.
type fileResult struct {
	name     string
	events   []event.Event
	read     int
	rejected []jsonrec.Rejected
	large    bool // more events than a worker may hold: streamed by the consumer
}

// Run reads the inputs and runs every detector.
func Run(ctx context.Context, inputs []Input, opts Options) (*Result, error) {
	if opts.Baseline == nil {
		opts.Baseline = baseline.New()
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		in   Input
		path string
	}
	var jobs []job
	for _, in := range inputs {
		files, err := cloudtrail.FilesMatching(in.FS, in.Root, func(p string) bool { return cloudtrail.IsLog(p) || flowlog.IsLog(p) })
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			jobs = append(jobs, job{in, f})
		}
	}
	res := &Result{}
	e := newEngine(&opts, res)
	// Files are decoded ahead by the workers, at most 2*workers at a time,
	// and consumed in order, which keeps memory bounded and results stable.
	slots := make([]chan *fileResult, len(jobs))
	for i := range slots {
		slots[i] = make(chan *fileResult, 1)
	}
	sem := make(chan struct{}, 2*workers)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range jobs {
			select {
			case sem <- struct{}{}:
				next <- i
			case <-ctx.Done():
				return
			}
		}
	}()
	held := opts.MaxHeldEvents
	if held <= 0 {
		held = DefaultMaxHeldEvents
	}
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				j := jobs[i]
				slots[i] <- decodeFile(ctx, j.in, j.path, held, opts.FlowFields)
			}
		}()
	}
	for i := range jobs {
		var fr *fileResult
		select {
		case fr = <-slots[i]:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		<-sem
		if fr.large {
			// Too many events to hold sorted: read it again here, in
			// order through a bounded window.
			fr = streamFile(ctx, jobs[i].in, jobs[i].path, held, opts.FlowFields, e.handle)
		}
		res.Files = append(res.Files, fr.name)
		res.Read += fr.read + len(fr.rejected)
		res.Rejected = append(res.Rejected, fr.rejected...)
		for k := range fr.events {
			e.handle(&fr.events[k])
		}
	}
	e.finish()
	return res, nil
}

// display joins an input's prefix to a path inside it.
func display(in Input, p string) string {
	if in.Prefix == "" {
		return p
	}
	if p == "." {
		return in.Prefix
	}
	return in.Prefix + "/" + p
}

// DefaultMaxHeldEvents bounds the events a worker holds to sort one file
// (about 1.4 KB each); a file with more is streamed through a reorder
// window of that many events instead.
const DefaultMaxHeldEvents = 50_000

// errTooMany stops decoding a file with more events than may be held.
var errTooMany = errors.New("too many events to hold")

// decodeFile reads one file with the reader its content calls for and
// sorts its events by time. A file of more than held events is left to
// streamFile (large is set, nothing is kept).
func decodeFile(ctx context.Context, in Input, p string, held int, flowFields []string) *fileResult {
	fr := &fileResult{name: display(in, p)}
	err := readFile(ctx, in, p, flowFields, fr, func(ev *event.Event) error {
		if len(fr.events) >= held {
			return errTooMany
		}
		fr.events = append(fr.events, *ev)
		return nil
	})
	if errors.Is(err, errTooMany) {
		return &fileResult{name: fr.name, large: true}
	}
	sort.SliceStable(fr.events, func(a, b int) bool { return fr.events[a].Time.Before(fr.events[b].Time) })
	return fr
}

// streamFile reads a large file and hands its events to fn in time order
// through a window of held events: memory stays bounded whatever the file
// holds. An event older than one already handed on (out of order by more
// than the window) is rejected, not judged out of order.
func streamFile(ctx context.Context, in Input, p string, held int, flowFields []string, fn func(*event.Event)) *fileResult {
	fr := &fileResult{name: display(in, p)}
	w := &window{max: held}
	var last time.Time
	emit := func(ev *event.Event) {
		last = ev.Time
		fn(ev)
	}
	err := readFile(ctx, in, p, flowFields, fr, func(ev *event.Event) error {
		if ev.Time.Before(last) {
			fr.read--
			fr.rejected = append(fr.rejected, jsonrec.Rejected{File: fr.name, Line: ev.Source.Line,
				Reason: fmt.Sprintf("record out of time order by more than %d records (%s after %s); not analysed", held, ev.Time.Format(time.RFC3339), last.Format(time.RFC3339))})
			return nil
		}
		if out := w.push(*ev); out != nil {
			emit(out)
		}
		return nil
	})
	if err != nil {
		fr.rejected = append(fr.rejected, jsonrec.Rejected{File: fr.name, Line: 1, Reason: err.Error()})
	}
	for out := w.pop(); out != nil; out = w.pop() {
		emit(out)
	}
	return fr
}

// readFile decodes one file with the reader its content calls for, adding
// its rejections to fr and counting what it reads.
func readFile(ctx context.Context, in Input, p string, flowFields []string, fr *fileResult, keep func(*event.Event) error) error {
	name := fr.name
	reject := func(r jsonrec.Rejected) {
		r.File = name
		fr.rejected = append(fr.rejected, r)
	}
	add := func(ev *event.Event) error {
		ev.Source.File = name
		if err := keep(ev); err != nil {
			return err
		}
		fr.read++
		return nil
	}
	if _, err := source.CheckRegular(in.FS, p); err != nil {
		reject(jsonrec.Rejected{Line: 1, Reason: errors.Unwrap(err).Error()})
		return nil
	}
	var err error
	switch sniff(in.FS, p, flowFields) {
	case event.AWS:
		err = cloudtrail.ReadFile(ctx, in.FS, p, cloudtrail.DefaultLimits, func(r *cloudtrail.Record) error {
			ev := r.Normalize()
			return add(&ev)
		}, reject)
	case event.GCP:
		err = gcplog.ReadFile(ctx, in.FS, p, add, reject)
	case event.Azure:
		err = azurelog.ReadFile(ctx, in.FS, p, add, reject)
	case flowLogs:
		err = flowlog.ReadFile(ctx, in.FS, p, flowFields, add, reject)
	default:
		reject(jsonrec.Rejected{Line: 1, Reason: "not a CloudTrail, Google Cloud audit, Azure Activity or VPC Flow Log file"})
	}
	if errors.Is(err, errTooMany) {
		return err
	}
	if err != nil {
		reject(jsonrec.Rejected{Line: 1, Reason: err.Error()})
	}
	return nil
}

// flowLogs is what sniff calls a VPC Flow Log file.
const flowLogs = "vpc-flow-logs"

// sniff tells which log a file holds from its head: a flow log header or
// record on the first line, else the keys of a cloud's JSON records.
func sniff(fsys fs.FS, p string, flowFields []string) string {
	f, err := fsys.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(strings.ToLower(p), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return ""
		}
		defer gz.Close()
		r = gz
	}
	head := make([]byte, 8<<10)
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	first, _, _ := bytes.Cut(head, []byte("\n"))
	if flowlog.LooksLikeHeader(string(first)) || flowlog.IsDefaultRecord(string(first)) ||
		len(flowFields) > 0 && len(bytes.Fields(first)) == len(flowFields) && !bytes.HasPrefix(bytes.TrimSpace(first), []byte("{")) {
		return flowLogs
	}
	has := func(k string) bool { return bytes.Contains(head, []byte(`"`+k+`"`)) }
	switch {
	case has("eventSource") || has("Records") && has("eventName"):
		return event.AWS
	case has("protoPayload"):
		return event.GCP
	case has("operationName"):
		return event.Azure
	}
	return ""
}

// engine hands events to the detectors and keeps the summaries.
type engine struct {
	opts     *Options
	res      *Result
	ctx      Context
	coverage []int
	started  bool
	keys     map[string]*KeyUsage
}

func newEngine(opts *Options, res *Result) *engine {
	e := &engine{opts: opts, res: res, keys: map[string]*KeyUsage{}}
	e.ctx = Context{Baseline: opts.Baseline, Options: opts, alerts: map[string]*Alert{}, states: map[string]any{}}
	e.coverage = make([]int, len(Detectors))
	return e
}

func (e *engine) handle(ev *event.Event) {
	e.res.Analysed++
	if ev.Pending {
		return
	}
	if !e.opts.Until.IsZero() && ev.Time.After(e.opts.Until) {
		return
	}
	learning := e.opts.Learn || (!e.opts.Since.IsZero() && ev.Time.Before(e.opts.Since))
	if learning {
		e.res.Learned++
	} else {
		e.res.Judged++
		if !e.started {
			e.started = true
			e.res.BaselineSpan = e.opts.Baseline.Span()
		}
	}
	e.ctx.Learning = learning
	// What the detection window holds is remembered for this run only.
	e.opts.Baseline.Judging(!learning)
	e.tagML(ev)
	for i := range Detectors {
		d := &Detectors[i]
		if d.Relevant != nil && d.Relevant(ev) {
			if !learning {
				e.coverage[i]++
			}
			e.ctx.det = d
			d.Event(&e.ctx, ev)
		}
	}
	e.keyUsage(ev, learning)
	e.opts.Baseline.Observe(ev.Time)
}

// tagML learns which roles ML services act as: a role whose calls
// SageMaker or Bedrock makes, or one they assume.
func (e *engine) tagML(ev *event.Event) {
	if ev.Cloud != event.AWS {
		return
	}
	b := e.opts.Baseline
	if ev.Role != "" && mlService(ev.SourceIP) {
		b.Tag("ml-role", ev.Role)
	}
	// Buckets ML roles use, or that hold model artifacts, are ML buckets.
	if ev.Bucket != "" && !ev.Failed() && ((ev.Role != "" && b.Tagged("ml-role", ev.Role)) || IsModelArtifact(ev.Object)) {
		b.Tag("ml-bucket", ev.Bucket)
	}
	if ev.Service == "sts" && strings.HasPrefix(ev.Action, "AssumeRole") && mlService(ev.SourceIP) {
		var p struct {
			RoleArn string `json:"roleArn"`
		}
		if json.Unmarshal(ev.Params, &p) == nil && p.RoleArn != "" {
			b.Tag("ml-role", p.RoleArn)
		}
	}
	if role := PassedRole(ev); role != "" {
		b.Tag("ml-role", role)
	}
}

// rolePassingCalls are the calls that hand a role to SageMaker or Bedrock
// to run as. CloudTrail records no event for iam:PassRole itself: the role
// passed is in the parameters of these calls.
var rolePassingCalls = map[string][]string{
	"sagemaker": {"CreateNotebookInstance", "CreateTrainingJob", "CreateProcessingJob", "CreateModel", "CreateDomain",
		"CreateUserProfile", "CreateTransformJob", "CreateHyperParameterTuningJob", "CreatePipeline", "CreateAutoMLJob",
		"CreateAutoMLJobV2", "CreateCompilationJob", "CreateMlflowTrackingServer", "CreateCluster", "CreateSpace"},
	"bedrock": {"CreateAgent", "UpdateAgent", "CreateModelCustomizationJob", "CreateModelImportJob", "CreateModelInvocationJob",
		"CreateKnowledgeBase", "CreateEvaluationJob", "CreateFlow"},
}

// PassedRole is the role a successful role-passing call hands to an ML
// service, "" for any other call.
func PassedRole(ev *event.Event) string {
	if ev.Cloud != event.AWS || ev.Failed() || !slices.Contains(rolePassingCalls[ev.Service], ev.Action) {
		return ""
	}
	var p struct {
		RoleArn          string `json:"roleArn"`
		ExecutionRoleArn string `json:"executionRoleArn"`
		AgentRole        string `json:"agentResourceRoleArn"`
		Default          struct {
			ExecutionRole string `json:"executionRole"`
		} `json:"defaultUserSettings"`
		User struct {
			ExecutionRole string `json:"executionRole"`
		} `json:"userSettings"`
	}
	if json.Unmarshal(ev.Params, &p) != nil {
		return ""
	}
	role := firstNonEmpty(p.RoleArn, p.ExecutionRoleArn, p.AgentRole, p.Default.ExecutionRole, p.User.ExecutionRole)
	if !strings.HasPrefix(role, "arn:") || !strings.Contains(role, ":role/") {
		return ""
	}
	return role
}

// mlServices are the service principals whose calls mark a role as an ML
// execution role: SageMaker and Bedrock acting as it.
var mlServices = []string{"sagemaker.amazonaws.com", "bedrock.amazonaws.com"}

// MLServices are the service principals whose calls mark a role as an ML
// execution role (for the compiled detectors).
func MLServices() []string { return slices.Clone(mlServices) }

func mlService(s string) bool { return slices.Contains(mlServices, s) }

// KMSUse are the KMS calls that use a key for data.
func KMSUse() []string { return slices.Clone(kmsUse) }

// RolePassingCalls are, per service, the calls whose parameters hand a role
// to SageMaker or Bedrock (see PassedRole).
func RolePassingCalls() map[string][]string {
	out := map[string][]string{}
	for k, v := range rolePassingCalls {
		out[k] = slices.Clone(v)
	}
	return out
}

// kmsUse are the KMS calls that use a key for data.
var kmsUse = []string{"Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncrypt", "CreateGrant"}

// keyUsage records who uses keys that ML roles or services use.
func (e *engine) keyUsage(ev *event.Event, learning bool) {
	if ev.Cloud != event.AWS || ev.Service != "kms" || ev.Failed() || !slices.Contains(kmsUse, ev.Action) || len(ev.Resources) == 0 {
		return
	}
	key := ev.Resources[0]
	b := e.opts.Baseline
	if mlService(ev.SourceIP) || (ev.Role != "" && b.Tagged("ml-role", ev.Role)) {
		b.Tag("ml-key", key)
	}
	who := ev.Who()
	seen := b.Seen("key-user", key, who, ev.Time)
	if learning || !b.Tagged("ml-key", key) {
		return
	}
	ku := e.keys[key]
	if ku == nil {
		ku = &KeyUsage{Key: key, Principals: map[string]int{}}
		e.keys[key] = ku
	}
	ku.Principals[who]++
	if !seen && e.res.BaselineSpan >= MinHistory && !slices.Contains(ku.FirstSeen, who) {
		ku.FirstSeen = append(ku.FirstSeen, who)
	}
}

func (e *engine) finish() {
	for i := range Detectors {
		d := &Detectors[i]
		if d.Finish != nil {
			e.ctx.det = d
			e.ctx.Learning = false
			e.opts.Baseline.Judging(true)
			d.Finish(&e.ctx)
		}
		cov := Coverage{Detector: d.ID, Events: e.coverage[i]}
		switch {
		case cov.Events == 0:
			cov.Note = "no " + d.Needs + " in the detection window"
		case d.Idle != nil:
			cov.Note = d.Idle(e.opts)
		}
		e.res.Coverage = append(e.res.Coverage, cov)
	}
	for _, k := range e.ctx.order {
		e.res.Alerts = append(e.res.Alerts, *e.ctx.alerts[k])
	}
	sortAlerts(e.res.Alerts)
	byWho := map[string]*PrincipalSummary{}
	var order []string
	for _, a := range e.res.Alerts {
		ps := byWho[a.Principal]
		if ps == nil {
			ps = &PrincipalSummary{Principal: a.Principal, Highest: a.Severity}
			byWho[a.Principal] = ps
			order = append(order, a.Principal)
		}
		ps.Alerts++
		if !slices.Contains(ps.Detectors, a.Detector) {
			ps.Detectors = append(ps.Detectors, a.Detector)
		}
	}
	for _, p := range order {
		e.res.Principals = append(e.res.Principals, *byWho[p])
	}
	keys := make([]string, 0, len(e.keys))
	for k := range e.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e.res.KeyUsage = append(e.res.KeyUsage, *e.keys[k])
	}
}
