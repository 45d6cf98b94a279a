package aws

import "github.com/mlguard/mlguard/internal/model"

// Trail is a CloudTrail trail.
type Trail struct {
	model.Resource
	Name          model.String `json:"name"`
	Logging       model.Bool   `json:"enable_logging"`             // default true
	LogValidation model.Bool   `json:"enable_log_file_validation"` // default false
	KMSKey        model.Ref    `json:"kms_key"`                    // default: SSE-S3 on the log bucket
	// ObjectEvents are the trail's selectors that record S3 object-level
	// (data) events.
	ObjectEvents []ObjectSelector `json:"s3_object_events,omitempty"`
	// SelectorsUnknown is set when the selectors cannot all be read, so the
	// trail may record events this model does not show.
	SelectorsUnknown bool `json:"selectors_unknown,omitempty"`
}

// ObjectSelector is one selector of S3 object data events.
type ObjectSelector struct {
	model.Meta
	// All is set when the selector covers every bucket.
	All bool `json:"all"`
	// Buckets are the buckets (by ARN prefix, name or link) it covers.
	Buckets []model.Ref `json:"buckets,omitempty"`
	// Reads and Writes say which events it records.
	Reads  bool `json:"reads"`
	Writes bool `json:"writes"`
}

// Coverage says whether the trail records reads and writes of a bucket's
// objects. known is false when a selector's buckets cannot be matched to it.
func (t *Trail) Coverage(b *Bucket) (reads, writes, known bool) {
	if t.SelectorsUnknown {
		return false, false, false
	}
	known = true
	for _, s := range t.ObjectEvents {
		covers := s.All
		for _, r := range s.Buckets {
			switch {
			case r.LinksTo(b.Address):
				covers = true
			case len(r.Targets) > 0: // a link to another bucket
			case r.Known() && b.Name.Known():
				covers = covers || bucketOfARN(r.Value) == b.Name.Value
			default:
				known = false // a literal against a generated bucket name
			}
		}
		if covers {
			reads, writes = reads || s.Reads, writes || s.Writes
		}
	}
	return reads, writes, known
}

// bucketOfARN is the bucket an S3 object ARN prefix names.
func bucketOfARN(arn string) string {
	name := arn
	for _, p := range []string{"arn:aws:s3:::", "arn:aws-us-gov:s3:::", "arn:aws-cn:s3:::"} {
		if len(name) > len(p) && name[:len(p)] == p {
			name = name[len(p):]
			break
		}
	}
	for i := 0; i < len(name); i++ {
		if name[i] == '/' {
			return name[:i]
		}
	}
	return name
}
