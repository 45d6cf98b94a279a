// Package gcplog reads Google Cloud Audit Logs: LogEntry records with a
// protoPayload (type.googleapis.com/google.cloud.audit.AuditLog), as
// exported to JSON lines or arrays, plain or gzip-compressed.
package gcplog

import (
	"context"
	"encoding/json"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/jsonrec"
)

// Entry is the part of a LogEntry mlguard reads.
type Entry struct {
	LogName   string `json:"logName"`
	InsertID  string `json:"insertId"`
	Timestamp string `json:"timestamp"`
	Resource  struct {
		Type   string            `json:"type"`
		Labels map[string]string `json:"labels"`
	} `json:"resource"`
	ProtoPayload struct {
		ServiceName        string `json:"serviceName"`
		MethodName         string `json:"methodName"`
		ResourceName       string `json:"resourceName"`
		AuthenticationInfo struct {
			PrincipalEmail string `json:"principalEmail"`
		} `json:"authenticationInfo"`
		RequestMetadata struct {
			CallerIP        string `json:"callerIp"`
			CallerUserAgent string `json:"callerSuppliedUserAgent"`
		} `json:"requestMetadata"`
		Status struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"status"`
		Request json.RawMessage `json:"request"`
	} `json:"protoPayload"`
}

// valid rejects records that are not audit log entries.
func valid(e *Entry) string {
	if e.ProtoPayload.ServiceName == "" || e.ProtoPayload.MethodName == "" {
		return "record has no protoPayload.serviceName or methodName"
	}
	return jsonrec.BadTime("timestamp", e.Timestamp)
}

// ReadFile reads one file and calls fn with each entry, normalized.
func ReadFile(ctx context.Context, fsys fs.FS, name string, fn func(*event.Event) error, reject func(jsonrec.Rejected)) error {
	rr := jsonrec.Reader[Entry]{Valid: valid, Reject: reject}
	return rr.ReadFile(ctx, fsys, name, func(e *Entry, at jsonrec.At) error {
		ev := e.Normalize()
		ev.Source.File, ev.Source.Line = at.File, at.Line
		return fn(&ev)
	})
}

// Normalize turns an entry into the event detectors read.
func (e *Entry) Normalize() event.Event {
	p := &e.ProtoPayload
	ev := event.Event{
		Cloud: event.GCP, Service: strings.TrimSuffix(p.ServiceName, ".googleapis.com"), Action: p.MethodName,
		Principal: p.AuthenticationInfo.PrincipalEmail, Kind: "user",
		SourceIP: p.RequestMetadata.CallerIP, UserAgent: p.RequestMetadata.CallerUserAgent,
		Account: e.Resource.Labels["project_id"], Region: e.Resource.Labels["location"], Params: p.Request,
		Source: event.Source{ID: e.InsertID},
	}
	if strings.HasSuffix(ev.Principal, ".gserviceaccount.com") {
		ev.Kind = "serviceAccount"
	}
	if t, err := time.Parse(time.RFC3339Nano, e.Timestamp); err == nil {
		ev.Time = t.UTC()
	}
	if p.Status.Code != 0 {
		ev.Error = "code " + strconv.Itoa(p.Status.Code)
	}
	if p.ResourceName != "" {
		ev.Resources = []string{p.ResourceName}
		// Cloud Storage objects: projects/_/buckets/BUCKET/objects/OBJECT.
		if rest, ok := strings.CutPrefix(p.ResourceName, "projects/_/buckets/"); ok {
			bucket, object, _ := strings.Cut(rest, "/objects/")
			ev.Bucket, ev.Object = bucket, object
		}
	}
	return ev
}
