// Package event is the normalized audit event that every log reader
// (CloudTrail, Google Cloud Audit Logs, Azure Activity Log) produces and
// every detector reads.
package event

import (
	"encoding/json"
	"net/netip"
	"strings"
	"time"
)

// Clouds.
const (
	AWS   = "aws"
	GCP   = "gcp"
	Azure = "azure"
)

// Event is one audited call, in the terms the detectors share.
type Event struct {
	Time  time.Time
	Cloud string
	// Service is the service called: s3, sagemaker, kms, cloudtrail,
	// bedrock (AWS); storage, aiplatform, notebooks, iam (Google Cloud);
	// Microsoft.MachineLearningServices, Microsoft.Storage (Azure).
	Service string
	// Action is the API name: GetObject, google.cloud.aiplatform.v1.ModelService.ExportModel,
	// Microsoft.MachineLearningServices/workspaces/listKeys/action.
	Action string
	// Principal is who called: an ARN (for AWS sessions, the assumed-role
	// session ARN), an email, an object ID.
	Principal string
	// Role is the role an AWS session was issued for (its session issuer),
	// the stable identity behind changing session names.
	Role string
	// Kind is the principal's type as the log names it (AssumedRole,
	// IAMUser, AWSService, user, serviceAccount, ...).
	Kind string
	// SourceIP is an IP address, or for calls AWS services make on a
	// principal's behalf, the service's name (sagemaker.amazonaws.com).
	SourceIP    string
	UserAgent   string
	VPCEndpoint string
	Account     string
	Region      string
	// Resources are the ARNs or resource names the call acted on.
	Resources []string
	// Bucket and Object name the storage object of a data event.
	Bucket, Object string
	// Bytes is what a read sent out (S3 bytesTransferredOut).
	Bytes int64
	// Error is the error code of a failed call, "" on success.
	Error string
	// Pending marks a record of an operation that has only started; its
	// outcome is another record (Azure logs both).
	Pending bool
	// Params holds the request parameters, decoded only by detectors that
	// look into them.
	Params json.RawMessage
	// Where the record was read.
	Source Source
	// Flow holds a VPC Flow Log record's details; nil for API calls.
	Flow *Flow
}

// Flow is one VPC Flow Log record: traffic through one network interface
// in one aggregation interval. Event.Time is its start, Event.Bytes its
// bytes, Event.Action ACCEPT or REJECT, Event.Principal the interface.
type Flow struct {
	Interface        string
	Src, Dst         netip.Addr
	PktSrc, PktDst   netip.Addr // the original addresses behind a NAT or load balancer, when logged
	SrcPort, DstPort int
	Protocol         int
	Packets          int64
	End              time.Time
	// Status is OK, NODATA or SKIPDATA (log-status).
	Status      string
	VPC, Subnet string
	// Direction is ingress or egress (flow-direction, version 5), "" when
	// not logged.
	Direction string
	// TrafficPath is how egress left (version 5: 1 within the VPC, 2
	// internet or gateway endpoint, 7 gateway endpoint, 8 internet
	// gateway, ...), 0 when not logged.
	TrafficPath int
	// DstService is pkt-dst-aws-service (S3, DYNAMODB, AMAZON, ...).
	DstService string
}

// Source names a record for evidence.
type Source struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"` // 0 when the reader does not track lines
	ID   string `json:"event_id,omitempty"`
}

// Failed reports whether the call was refused or failed.
func (e *Event) Failed() bool { return e.Error != "" }

// IsAddress reports whether a call's source is an IP address, not the name
// of a service calling on a principal's behalf (sagemaker.amazonaws.com).
func IsAddress(source string) bool {
	_, err := netip.ParseAddr(source)
	return err == nil
}

// Session is the session name of an AWS assumed-role principal
// (arn:aws:sts::111122223333:assumed-role/ml-engineers/jdoe -> jdoe): the
// person or job behind a role whose identity Who reports. "" otherwise.
func (e *Event) Session() string {
	if e.Role == "" {
		return ""
	}
	_, rest, ok := strings.Cut(e.Principal, ":assumed-role/")
	if !ok {
		return ""
	}
	_, name, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	return name
}

// Who names the stable identity behind the call: the role of an AWS
// session, else the principal.
func (e *Event) Who() string {
	if e.Role != "" {
		return e.Role
	}
	return e.Principal
}
