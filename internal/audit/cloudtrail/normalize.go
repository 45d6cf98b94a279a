package cloudtrail

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/event"
)

// sourcePrefixes maps event sources whose first label is not the service's
// IAM prefix.
var sourcePrefixes = map[string]string{
	"monitoring.amazonaws.com": "cloudwatch", "api.ecr.amazonaws.com": "ecr", "runtime.sagemaker.amazonaws.com": "sagemaker",
	"bedrock-runtime.amazonaws.com": "bedrock", "bedrock-agent-runtime.amazonaws.com": "bedrock", "bedrock-agent.amazonaws.com": "bedrock",
	"api.sagemaker.amazonaws.com": "sagemaker", "featurestore-runtime.sagemaker.amazonaws.com": "sagemaker",
}

// Service returns the IAM service prefix of an event source
// (s3.amazonaws.com -> s3, runtime.sagemaker.amazonaws.com -> sagemaker).
func Service(source string) string {
	if p, ok := sourcePrefixes[source]; ok {
		return p
	}
	p, _, _ := strings.Cut(source, ".")
	return p
}

// Normalize turns a record into the event detectors read. A record whose
// time cannot be read keeps the zero time.
func (r *Record) Normalize() event.Event {
	id := r.UserIdentity
	e := event.Event{
		Cloud: event.AWS, Service: Service(r.EventSource), Action: r.EventName,
		Principal: id.ARN, Kind: id.Type, SourceIP: r.SourceIPAddress, UserAgent: r.UserAgent,
		VPCEndpoint: r.VPCEndpointID, Account: r.RecipientAccountID, Region: r.AWSRegion,
		Bytes: int64(r.AdditionalEventData.BytesTransferredOut), Error: r.ErrorCode, Params: r.RequestParameters,
		Source: event.Source{File: r.File, Line: r.Line, ID: r.EventID},
	}
	if t, err := time.Parse(time.RFC3339, r.EventTime); err == nil {
		e.Time = t.UTC()
	}
	if id.SessionContext.SessionIssuer.Type == "Role" {
		e.Role = id.SessionContext.SessionIssuer.ARN
	}
	if e.Principal == "" && id.InvokedBy != "" {
		e.Principal = id.InvokedBy
	}
	if e.Account == "" {
		e.Account = id.AccountID
	}
	for _, res := range r.Resources {
		if res.ARN == "" {
			continue
		}
		e.Resources = append(e.Resources, res.ARN)
		if bucket, key, ok := strings.Cut(strings.TrimPrefix(res.ARN, "arn:aws:s3:::"), "/"); ok && strings.HasPrefix(res.ARN, "arn:aws:s3:::") {
			e.Bucket, e.Object = bucket, key
		} else if strings.HasPrefix(res.ARN, "arn:aws:s3:::") && e.Bucket == "" {
			e.Bucket = bucket
		}
	}
	if e.Service == "s3" && e.Bucket == "" && len(r.RequestParameters) > 0 {
		// Bucket calls often list no resources; their parameters name the
		// bucket (and object) all the same.
		var p struct {
			Bucket string `json:"bucketName"`
			Key    string `json:"key"`
		}
		if json.Unmarshal(r.RequestParameters, &p) == nil {
			e.Bucket, e.Object = p.Bucket, p.Key
		}
	}
	return e
}
