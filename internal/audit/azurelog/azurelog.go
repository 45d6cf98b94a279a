// Package azurelog reads Azure Activity Log exports: the records diagnostic
// settings write ({"records": [...]}, with operationName a string) and the
// events the REST API and the CLI list (operationName {value}), as JSON lines,
// arrays or export objects, plain or gzip-compressed.
package azurelog

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/jsonrec"
)

// value is a string, or an object carrying it in "value" (with a
// localizedValue), as the two export shapes spell names and statuses.
type value string

// UnmarshalJSON accepts "x" or {"value": "x"}.
func (v *value) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*v = value(s)
		return nil
	}
	var o struct {
		Value string `json:"value"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	*v = value(o.Value)
	return nil
}

// Record is the part of an Activity Log record mlguard reads, in either shape.
type Record struct {
	Time           string `json:"time"`
	EventTimestamp string `json:"eventTimestamp"`
	OperationName  value  `json:"operationName"`
	ResourceID     string `json:"resourceId"`
	ResultType     value  `json:"resultType"`
	Status         value  `json:"status"`
	CallerIP       string `json:"callerIpAddress"`
	HTTPRequest    struct {
		ClientIP string `json:"clientIpAddress"`
	} `json:"httpRequest"`
	Caller         string            `json:"caller"`
	Claims         map[string]string `json:"claims"`
	SubscriptionID string            `json:"subscriptionId"`
	CorrelationID  string            `json:"correlationId"`
	EventDataID    string            `json:"eventDataId"`
	Identity       struct {
		Claims map[string]string `json:"claims"`
	} `json:"identity"`
	Properties json.RawMessage `json:"properties"`
}

func valid(r *Record) string {
	if r.OperationName == "" {
		return "record has no operationName"
	}
	if r.Time == "" && r.EventTimestamp != "" {
		return jsonrec.BadTime("eventTimestamp", r.EventTimestamp)
	}
	return jsonrec.BadTime("time", r.Time)
}

// ReadFile reads one file and calls fn with each record, normalized.
func ReadFile(ctx context.Context, fsys fs.FS, name string, fn func(*event.Event) error, reject func(jsonrec.Rejected)) error {
	rr := jsonrec.Reader[Record]{Valid: valid, Reject: reject}
	return rr.ReadFile(ctx, fsys, name, func(r *Record, at jsonrec.At) error {
		ev := r.Normalize()
		ev.Source.File, ev.Source.Line = at.File, at.Line
		return fn(&ev)
	})
}

// claim names, as Entra ID spells them in tokens.
const (
	upnClaim   = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"
	nameClaim  = "name"
	appIDClaim = "appid"
)

// Normalize turns a record into the event detectors read. A record of an
// operation that has only started (Start, Started, Accepted) is Pending:
// its outcome comes in another record.
func (r *Record) Normalize() event.Event {
	op := string(r.OperationName)
	provider, _, _ := strings.Cut(op, "/")
	ev := event.Event{
		Cloud: event.Azure, Service: provider, Action: op, Principal: r.Caller, Kind: "user",
		SourceIP: r.CallerIP, Account: r.SubscriptionID, Params: r.Properties,
		Source: event.Source{ID: r.EventDataID},
	}
	if ev.Source.ID == "" {
		ev.Source.ID = r.CorrelationID
	}
	if ev.SourceIP == "" {
		ev.SourceIP = r.HTTPRequest.ClientIP
	}
	claims := r.Claims
	if claims == nil {
		claims = r.Identity.Claims
	}
	if ev.Principal == "" {
		ev.Principal = firstOf(claims[upnClaim], claims[nameClaim], claims[appIDClaim])
	}
	if claims[upnClaim] == "" && claims[appIDClaim] != "" {
		ev.Kind = "application"
	}
	t := r.Time
	if t == "" {
		t = r.EventTimestamp
	}
	if ts, err := time.Parse(time.RFC3339Nano, t); err == nil {
		ev.Time = ts.UTC()
	}
	if r.ResourceID != "" {
		ev.Resources = []string{r.ResourceID}
		if ev.Account == "" {
			if rest, ok := strings.CutPrefix(strings.ToLower(r.ResourceID), "/subscriptions/"); ok {
				ev.Account, _, _ = strings.Cut(rest, "/")
			}
		}
	}
	switch result := strings.ToLower(firstOf(string(r.ResultType), string(r.Status))); result {
	case "start", "started", "accepted":
		ev.Pending = true
	case "failure", "failed":
		ev.Error = "Failed"
	}
	return ev
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
