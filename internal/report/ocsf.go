package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/rule"
)

// ocsfVersion is the OCSF schema version the Detection Findings follow.
const ocsfVersion = "1.3.0"

// ocsfFinding is an OCSF Detection Finding (class 2004), with the cloud
// profile. Field names and enumerations are OCSF's.
type ocsfFinding struct {
	ActivityID   int    `json:"activity_id"`
	ActivityName string `json:"activity_name"`
	CategoryUID  int    `json:"category_uid"`
	CategoryName string `json:"category_name"`
	ClassUID     int    `json:"class_uid"`
	ClassName    string `json:"class_name"`
	TypeUID      int    `json:"type_uid"`
	TypeName     string `json:"type_name"`
	SeverityID   int    `json:"severity_id"`
	Severity     string `json:"severity"`
	StatusID     int    `json:"status_id"`
	Status       string `json:"status"`
	// Times are milliseconds since the epoch (OCSF timestamp_t).
	Time        int64           `json:"time"`
	StartTime   int64           `json:"start_time"`
	EndTime     int64           `json:"end_time"`
	Count       int             `json:"count"`
	Message     string          `json:"message"`
	Metadata    ocsfMetadata    `json:"metadata"`
	FindingInfo ocsfFindingInfo `json:"finding_info"`
	Cloud       ocsfCloud       `json:"cloud"`
	Actor       *ocsfActor      `json:"actor,omitempty"`
	Resources   []ocsfResource  `json:"resources,omitempty"`
	Evidences   []ocsfEvidence  `json:"evidences,omitempty"`
	Unmapped    map[string]any  `json:"unmapped,omitempty"`
}

type ocsfMetadata struct {
	Version string      `json:"version"`
	Product ocsfProduct `json:"product"`
	UID     string      `json:"uid"`
	LogName string      `json:"log_name"`
}

type ocsfProduct struct {
	Name       string `json:"name"`
	VendorName string `json:"vendor_name"`
	Version    string `json:"version,omitempty"`
}

type ocsfFindingInfo struct {
	UID           string       `json:"uid"`
	Title         string       `json:"title"`
	Desc          string       `json:"desc"`
	FirstSeenTime int64        `json:"first_seen_time"`
	LastSeenTime  int64        `json:"last_seen_time"`
	Analytic      ocsfAnalytic `json:"analytic"`
	Attacks       []ocsfAttack `json:"attacks,omitempty"`
	DataSources   []string     `json:"data_sources"`
	Types         []string     `json:"types"`
}

type ocsfAnalytic struct {
	UID    string `json:"uid"`
	Name   string `json:"name"`
	TypeID int    `json:"type_id"`
	Type   string `json:"type"`
}

type ocsfAttack struct {
	Technique ocsfTechnique `json:"technique"`
}

type ocsfTechnique struct {
	UID string `json:"uid"`
}

type ocsfCloud struct {
	Provider string `json:"provider"`
}

type ocsfActor struct {
	User    ocsfUser     `json:"user"`
	Session *ocsfSession `json:"session,omitempty"`
}

type ocsfUser struct {
	UID  string `json:"uid"`
	Name string `json:"name,omitempty"`
}

type ocsfSession struct {
	Issuer string `json:"issuer"`
}

type ocsfResource struct {
	Name string `json:"name"`
}

type ocsfEvidence struct {
	SrcEndpoint *ocsfEndpoint  `json:"src_endpoint,omitempty"`
	Data        map[string]any `json:"data"`
}

type ocsfEndpoint struct {
	IP string `json:"ip"`
}

// ocsfSeverity maps severities to OCSF's severity_id.
var ocsfSeverity = map[rule.Severity]int{rule.Low: 2, rule.Medium: 3, rule.High: 4, rule.Critical: 5}

// ocsfProvider names a cloud as OCSF's cloud.provider.
func ocsfProvider(cloud string) string {
	switch cloud {
	case "aws":
		return "AWS"
	case "gcp":
		return "GCP"
	case "azure":
		return "Azure"
	}
	return cloud
}

// ocsfDataSource names the log an alert was found in.
func ocsfDataSource(cloud string) string {
	return map[string]string{"aws": "AWS CloudTrail", "gcp": "Google Cloud Audit Logs", "azure": "Azure Activity Log"}[cloud]
}

// auditOCSF writes one OCSF Detection Finding per alert, one JSON object
// per line (the form Security Lake custom sources and most SIEMs ingest).
func auditOCSF(w io.Writer, res *audit.Result, opts Options) error {
	explanations := map[string]string{}
	for _, d := range audit.Detectors {
		explanations[d.ID] = d.Explanation
	}
	enc := json.NewEncoder(w)
	for _, a := range ActiveAlerts(res, opts.MinSeverity) {
		if err := enc.Encode(ocsfOf(a, explanations[a.Detector], opts.Version)); err != nil {
			return fmt.Errorf("write ocsf: %w", err)
		}
	}
	return nil
}

func ocsfOf(a audit.Alert, explanation, version string) ocsfFinding {
	sum := sha256.Sum256([]byte(alertFingerprint(a)))
	uid := hex.EncodeToString(sum[:16])
	first, last := a.First.UnixMilli(), a.Last.UnixMilli()
	f := ocsfFinding{ActivityID: 1, ActivityName: "Create", CategoryUID: 2, CategoryName: "Findings", ClassUID: 2004,
		ClassName: "Detection Finding", TypeUID: 200401, TypeName: "Detection Finding: Create",
		SeverityID: ocsfSeverity[a.Severity], Severity: titleCase(a.Severity.String()), StatusID: 1, Status: "New",
		Time: last, StartTime: first, EndTime: last, Count: a.Events, Message: a.Message,
		Metadata: ocsfMetadata{Version: ocsfVersion, Product: ocsfProduct{Name: "mlguard", VendorName: "mlguard", Version: version},
			UID: uid, LogName: "mlguard audit"},
		FindingInfo: ocsfFindingInfo{UID: uid, Title: a.Title, Desc: explanation, FirstSeenTime: first, LastSeenTime: last,
			Analytic:    ocsfAnalytic{UID: a.Detector, Name: a.Title, TypeID: 1, Type: "Rule"},
			DataSources: []string{ocsfDataSource(a.Cloud)}, Types: []string{"ML threat detection"}},
		Cloud: ocsfCloud{Provider: ocsfProvider(a.Cloud)},
	}
	var atlas []string
	for _, t := range a.Techniques {
		if strings.HasPrefix(t, "T") {
			f.FindingInfo.Attacks = append(f.FindingInfo.Attacks, ocsfAttack{Technique: ocsfTechnique{UID: t}})
		} else {
			atlas = append(atlas, t)
		}
	}
	if a.Principal != "" {
		f.Actor = &ocsfActor{User: ocsfUser{UID: a.Principal}}
		if len(a.Sessions) > 0 {
			// The role is the session's issuer; the session names (the people
			// or jobs behind it) have no OCSF attribute of their own.
			f.Actor.Session = &ocsfSession{Issuer: a.Principal}
		}
	}
	if a.Resource != "" {
		f.Resources = []ocsfResource{{Name: a.Resource}}
	}
	for _, ev := range a.Evidence {
		e := ocsfEvidence{Data: map[string]any{"file": ev.File}}
		if ev.Line > 0 {
			e.Data["line"] = ev.Line
		}
		if ev.ID != "" {
			e.Data["event_id"] = ev.ID
		}
		if a.SourceIP != "" && event.IsAddress(a.SourceIP) {
			e.SrcEndpoint = &ocsfEndpoint{IP: a.SourceIP}
		}
		f.Evidences = append(f.Evidences, e)
	}
	unmapped := map[string]any{}
	if len(atlas) > 0 {
		unmapped["mitre_atlas_techniques"] = atlas
	}
	if len(a.Sessions) > 0 {
		unmapped["role_sessions"] = a.Sessions
	}
	if a.SourceIP != "" && !event.IsAddress(a.SourceIP) {
		unmapped["source"] = a.SourceIP
	}
	if len(unmapped) > 0 {
		f.Unmapped = map[string]any{"mlguard": unmapped}
	}
	return f
}

// titleCase writes HIGH as High.
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return s[:1] + strings.ToLower(s[1:])
}
