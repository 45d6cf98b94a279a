package audit

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/rule"
)

// modelSuffixes are the file types model artifacts are kept in.
var modelSuffixes = []string{".safetensors", ".pt", ".pth", ".onnx", ".pkl", ".joblib", ".h5", ".keras", ".gguf", ".ckpt",
	".tflite", ".mar", ".pb"}

// ModelSuffixes are the file types model artifacts are kept in.
func ModelSuffixes() []string { return slices.Clone(modelSuffixes) }

// IsModelArtifact reports whether an object key names a model artifact: a
// model file type, a SageMaker model.tar.gz (training output), or an object
// under a model or model-package path.
func IsModelArtifact(key string) bool {
	k := strings.ToLower(key)
	for _, s := range modelSuffixes {
		if strings.HasSuffix(k, s) {
			return true
		}
	}
	base := path.Base(k)
	if base == "model.tar.gz" || (strings.HasSuffix(k, ".tar.gz") && (strings.Contains(k, "model") || strings.Contains(k, "/output/"))) {
		return true
	}
	for _, seg := range strings.Split(path.Dir(k), "/") {
		if seg == "model-packages" || seg == "model-package" {
			return true
		}
	}
	return false
}

// objectRead reports a successful read of a stored object.
func objectRead(e *event.Event) bool {
	if e.Failed() || e.Object == "" {
		return false
	}
	switch e.Cloud {
	case event.AWS:
		return e.Service == "s3" && (e.Action == "GetObject" || e.Action == "GetObjectVersion")
	case event.GCP:
		return e.Service == "storage" && e.Action == "storage.objects.get"
	}
	return false
}

func modelRead(e *event.Event) bool { return objectRead(e) && IsModelArtifact(e.Object) }

// external reports a call from an address that is not an AWS service on
// the principal's behalf, not through a VPC endpoint, and not in the known
// networks.
func (c *Context) external(e *event.Event) bool {
	return event.IsAddress(e.SourceIP) && e.VPCEndpoint == "" && !c.Known(e.SourceIP)
}

// newSource reports whether a call comes from a place the principal has
// not called from before: outside the known networks when they are given,
// else an address new for this kind of call once the baseline is mature.
// It records the address either way.
func (c *Context) newSource(kind, who string, e *event.Event) bool {
	if !c.external(e) {
		return false
	}
	seen := c.Baseline.Seen(kind, who, e.SourceIP, e.Time)
	if len(c.Options.KnownNetworks) > 0 {
		return true
	}
	return !seen && c.Mature()
}

func hour(t time.Time) string { return t.UTC().Format("2006-01-02T15") }

var exfilNew = Detector{
	ID: "AUDIT-EXFIL-001", Title: "Model artifacts read by a principal new to the bucket", Severity: rule.High,
	Techniques: []string{"AML.T0048.004", "AML.T0035", "T1530"},
	Explanation: "A principal that has never read from this bucket before reads model artifacts. Model theft starts with " +
		"the artifacts: weights, tokenizers and pickled pipelines are the model.",
	Needs:    "S3 or Cloud Storage object reads of model artifacts (data events)",
	Relevant: modelRead,
	Event: func(c *Context, e *event.Event) {
		flagged := state(c, func() *map[string]bool { m := map[string]bool{}; return &m })
		who := e.Who()
		k := who + "\x00" + e.Bucket
		seen := c.Baseline.Seen("bucket-reader", e.Bucket, who, e.Time)
		if (!seen && c.Mature() && !c.Learning) || (*flagged)[k] {
			(*flagged)[k] = true
			c.Raise(k, e, e.Bucket, "%s read model artifacts from %s, a bucket it had never read before (%s first)", who, e.Bucket, e.Object)
		}
	},
}

var exfilOutside = Detector{
	ID: "AUDIT-EXFIL-002", Title: "Model artifacts read from outside known networks", Severity: rule.High,
	Techniques: []string{"AML.T0025", "T1530"},
	Explanation: "Model artifacts were read from an address that is neither an AWS service acting for the principal nor a " +
		"VPC endpoint, and is outside the known networks (or, without --known-cidr, one this principal never read models from).",
	Needs:    "S3 or Cloud Storage object reads of model artifacts (data events)",
	Relevant: modelRead,
	Event: func(c *Context, e *event.Event) {
		who := e.Who()
		if c.newSource("model-reader-ip", who, e) {
			c.Raise(who+"\x00"+e.Bucket+"\x00"+e.SourceIP, e, e.Bucket, "%s read model artifacts from %s at %s, outside the known networks and not through a VPC endpoint",
				who, e.Bucket, e.SourceIP)
		}
	},
}

// hourly counts a feature per principal and hour, keeping evidence, and
// judges each hour against the principal's history at the end of the run.
type hourly struct {
	counts map[string]*hourCount // principal \x00 subject \x00 hour
}

type hourCount struct {
	who, subject, hour string
	n, bytes           float64
	learning           bool
	first              *event.Event
	evidence           []event.Source
	sessions           []string
	cloud              string
	last               time.Time
}

func (h *hourly) add(c *Context, e *event.Event, who, subject string) {
	k := who + "\x00" + subject + "\x00" + hour(e.Time)
	hc := h.counts[k]
	if hc == nil {
		first := *e
		hc = &hourCount{who: who, subject: subject, hour: hour(e.Time), learning: true, first: &first, cloud: e.Cloud}
		h.counts[k] = hc
	}
	hc.n++
	hc.bytes += float64(e.Bytes)
	hc.learning = hc.learning && c.Learning
	if e.Time.After(hc.last) {
		hc.last = e.Time
	}
	if len(hc.evidence) < MaxEvidence {
		hc.evidence = append(hc.evidence, e.Source)
	}
	if s := e.Session(); s != "" && len(hc.sessions) < MaxEvidence && !slices.Contains(hc.sessions, s) {
		hc.sessions = append(hc.sessions, s)
	}
}

// judge walks the hours in order: hours of the learning window teach the
// baseline; later hours are compared with what was learned before them,
// then taught.
func (h *hourly) judge(c *Context, feature string, over func(hc *hourCount) string) {
	keys := make([]string, 0, len(h.counts))
	for k := range h.counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := h.counts[keys[i]], h.counts[keys[j]]
		if a.hour != b.hour {
			return a.hour < b.hour
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		hc := h.counts[k]
		if !hc.learning {
			if msg := over(hc); msg != "" {
				c.RaiseSummary(k, Alert{Cloud: hc.cloud, Principal: hc.who, Resource: hc.subject, SourceIP: hc.first.SourceIP,
					First: hc.first.Time, Last: hc.last, Events: int(hc.n), Message: msg, Evidence: hc.evidence, Sessions: hc.sessions})
				// An unusual hour stays unusual: it does not raise the
				// history the next hours are judged against.
				continue
			}
		}
		c.Baseline.Judging(!hc.learning)
		c.Baseline.AddHour(feature, hc.who+"\x00"+hc.subject, hc.hour, hc.n)
		if hc.bytes > 0 {
			c.Baseline.AddHour(feature+"-bytes", hc.who+"\x00"+hc.subject, hc.hour, hc.bytes)
		}
	}
}

// Volume floors: below them no hour is unusual, whatever the history;
// above them an hour is unusual when over VolumeOverBaseline times the
// busiest hour learned.
const (
	FloorModelObjects  = 50
	FloorModelBytes    = 5 << 30
	FloorInvocations   = 500
	VolumeOverBaseline = 10 // times the principal's busiest learned hour
)

// above says whether n is far above a history: over the floor, and over
// ten times the busiest hour learned (when there is a history).
func above(n, floor float64, c *Context, feature, who string) (bool, string) {
	return aboveIn(n, floor, c, feature, who, func(v float64) string { return fmt.Sprintf("%.0f", v) })
}

// aboveIn is above with the amounts written by unit.
func aboveIn(n, floor float64, c *Context, feature, who string, unit func(float64) string) (bool, string) {
	limit := floor
	why := "the floor of " + unit(floor)
	if r := c.Baseline.Rate(feature, who); r != nil && r.Hours > 0 {
		if v := VolumeOverBaseline * r.Max; v > limit {
			limit = v
		}
		why = fmt.Sprintf("%d times its busiest learned hour (%s over %d hours)", VolumeOverBaseline, unit(r.Max), r.Hours)
	}
	return n > limit, why
}

// gigabytes writes bytes in GB.
func gigabytes(v float64) string { return fmt.Sprintf("%.2f GB", v/1e9) }

// newHourly is the per-run state of the detectors that count per hour.
func newHourly() *hourly { return &hourly{counts: map[string]*hourCount{}} }

var exfilVolume = Detector{
	ID: "AUDIT-EXFIL-003", Title: "Model artifact reads far above the principal's usual volume", Severity: rule.High,
	Techniques: []string{"AML.T0025", "AML.T0048.004", "T1530"},
	Explanation: "In one hour a principal read far more model artifacts (objects or bytes) than in any hour the baseline " +
		"learned for it, and more than a floor below which no hour counts.",
	Needs:    "S3 or Cloud Storage object reads of model artifacts (data events)",
	Relevant: modelRead,
	Event: func(c *Context, e *event.Event) {
		h := state(c, newHourly)
		h.add(c, e, e.Who(), e.Bucket)
	},
	Finish: func(c *Context) {
		h := state(c, newHourly)
		h.judge(c, "model-reads", func(hc *hourCount) string {
			key := hc.who + "\x00" + hc.subject
			if over, why := above(hc.n, FloorModelObjects, c, "model-reads", key); over {
				return fmt.Sprintf("%s read %.0f model artifacts from %s in the hour from %s:00, above %s", hc.who, hc.n, hc.subject, hc.hour, why)
			}
			if over, why := aboveIn(hc.bytes, FloorModelBytes, c, "model-reads-bytes", key, gigabytes); over {
				return fmt.Sprintf("%s read %.1f GB of model artifacts from %s in the hour from %s:00, above %s", hc.who, hc.bytes/1e9, hc.subject, hc.hour, why)
			}
			return ""
		})
	},
}

// invocation reports a call to a model's inference API.
func invocation(e *event.Event) bool {
	if e.Failed() {
		return false
	}
	switch e.Cloud {
	case event.AWS:
		switch e.Action {
		case "InvokeEndpoint", "InvokeEndpointAsync", "InvokeEndpointWithResponseStream":
			return e.Service == "sagemaker"
		case "InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream":
			return e.Service == "bedrock"
		}
	case event.GCP:
		if e.Service != "aiplatform" {
			return false
		}
		for _, m := range []string{".Predict", ".RawPredict", ".StreamRawPredict", ".Explain", ".GenerateContent", ".StreamGenerateContent"} {
			if strings.HasSuffix(e.Action, m) {
				return true
			}
		}
	}
	return false
}

// invoked names the endpoint or model an invocation called.
func invoked(e *event.Event) string {
	if len(e.Resources) > 0 {
		return e.Resources[0]
	}
	var p struct {
		EndpointName string `json:"endpointName"`
		ModelID      string `json:"modelId"`
	}
	if decodeParams(e, &p) {
		return firstNonEmpty(p.EndpointName, p.ModelID)
	}
	return ""
}

var extraction = Detector{
	ID: "AUDIT-EXTRACT-001", Title: "Inference flood: model extraction or cost harvesting", Severity: rule.High,
	Techniques: []string{"AML.T0024.002", "AML.T0040", "AML.T0034"},
	Explanation: "One principal called a model's inference API far more often in an hour than it ever did, the pattern " +
		"of model extraction (distillation through the API) and of stolen credentials spent on inference.",
	Needs:    "inference calls (SageMaker InvokeEndpoint, Bedrock InvokeModel/Converse, Vertex Predict)",
	Relevant: invocation,
	Event: func(c *Context, e *event.Event) {
		h := state(c, newHourly)
		h.add(c, e, e.Who(), invoked(e))
	},
	Finish: func(c *Context) {
		h := state(c, newHourly)
		h.judge(c, "invocations", func(hc *hourCount) string {
			if over, why := above(hc.n, FloorInvocations, c, "invocations", hc.who+"\x00"+hc.subject); over {
				return fmt.Sprintf("%s invoked %s %.0f times in the hour from %s:00, above %s", hc.who, hc.subject, hc.n, hc.hour, why)
			}
			return ""
		})
	},
}
