// Package cloudtrail holds the rules for the audit trail of ML platforms:
// whether access to model artifacts and training data is recorded, and
// whether the record can be trusted.
package cloudtrail

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "cloudtrail"
	rule.Register(r)
}

var trailTypes = []string{"aws_cloudtrail", "AWS::CloudTrail::Trail"}

var auditFrameworks = framework.Frameworks([]string{"AU-2", "AU-12"}, []string{"DE.CM-09", "PR.PS-04"}, []string{"A.8.15", "A.8.16"}, []string{"CC7.2"}, nil)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-CLOUDTRAIL-001", Slug: "ml-bucket-without-data-events",
			Title:    "ML data or artifact bucket is not covered by CloudTrail S3 data events",
			Severity: rule.Medium, Category: rule.Logging,
			Resources:  append([]string{"aws_s3_bucket", "AWS::S3::Bucket"}, trailTypes...),
			Frameworks: auditFrameworks,
			Rationale: "Management events do not show who downloaded a model artifact or overwrote training data; only S3 " +
				"data events (GetObject, PutObject) do. Without them, model theft and tampering with artifacts leave no trace " +
				"in CloudTrail.",
			Remediation: "Add an event selector (or advanced event selector) for AWS::S3::Object on the bucket's ARN to a trail, " +
				"recording both reads and writes.",
			Fixes: map[string]string{"terraform": `event_selector {
  read_write_type           = "All"
  include_management_events = true
  data_resource {
    type   = "AWS::S3::Object"
    values = ["${aws_s3_bucket.models.arn}/"]
  }
}`, "cloudformation": `EventSelectors:
  - ReadWriteType: All
    IncludeManagementEvents: true
    DataResources:
      - Type: AWS::S3::Object
        Values: [!Sub "${ModelBucket.Arn}/"]`},
			Defaults: []string{"aws_cloudtrail without event_selector or advanced_event_selector: management events only",
				"event_selector.read_write_type: \"All\"",
				"Only buckets that an ML resource of the scan uses, and only scans that define a trail, are checked: a trail may live in another account or stack"},
			References: []string{"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html"},
		},
		Check: func(in *rule.Input) []rule.Result { return uncoveredBuckets(in.AWS) },
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-CLOUDTRAIL-002", Slug: "trail-log-file-validation",
			Title:    "CloudTrail trail does not validate its log files",
			Severity: rule.Low, Category: rule.Logging,
			Resources:  trailTypes,
			Frameworks: framework.Frameworks([]string{"AU-9", "SI-7"}, []string{"PR.DS-01", "PR.PS-04"}, []string{"A.8.15"}, []string{"CC7.2"}, []string{"CloudTrail.4"}),
			Rationale: "Without log file validation nobody can prove that the trail's records of model and data access were not " +
				"edited or deleted after delivery, which is the first thing an intruder who stole a model would do.",
			Remediation: "Set enable_log_file_validation (EnableLogFileValidation) to true.",
			Fixes:       map[string]string{"terraform": `enable_log_file_validation = true`, "cloudformation": `EnableLogFileValidation: true`},
			Defaults:    []string{"aws_cloudtrail.enable_log_file_validation: false when absent"},
			References:  []string{"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, t := range in.AWS.Trails {
				if v := t.LogValidation; v.IsFalse() {
					out = append(out, rule.NewResult(t.Resource, v.Meta, "false", "%s does not validate log files (enable_log_file_validation = false%s)", t.Address, rule.DefaultNote(v.Explicit)))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-CLOUDTRAIL-003", Slug: "trail-customer-managed-key",
			Title:    "CloudTrail trail does not encrypt its log files with a customer managed KMS key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Resources:  trailTypes,
			Frameworks: framework.EncryptionAtRest("CloudTrail.2"),
			Rationale: "Data event records name every object read and written: dataset paths, model versions, who fetched them. " +
				"With SSE-S3 anyone who can read the log bucket reads them; a KMS key adds a second, separately granted permission.",
			Remediation: "Set kms_key_id (KMSKeyId) to a customer managed key whose policy lets CloudTrail encrypt.",
			Fixes:       map[string]string{"terraform": `kms_key_id = aws_kms_key.trail.arn`, "cloudformation": `KMSKeyId: !GetAtt TrailKey.Arn`},
			Defaults:    []string{"aws_cloudtrail.kms_key_id: absent -> log files are encrypted with SSE-S3"},
			References:  []string{"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, t := range in.AWS.Trails {
				if why, bad := check.NotCustomerKey(t.KMSKey); bad {
					out = append(out, rule.NewResult(t.Resource, t.KMSKey.Meta, t.KMSKey.Value, "%s: %s", t.Address, strings.Replace(why, "an AWS managed key is used", "log files use SSE-S3", 1)))
				}
			}
			return out
		},
	})
}

// uncoveredBuckets reports ML buckets that no logging trail of the scan
// records object reads and writes of, when every trail can be read.
func uncoveredBuckets(m *aws.Model) []rule.Result {
	var trails []*aws.Trail
	for _, t := range m.Trails {
		if !t.Logging.Known() {
			return nil
		}
		if t.Logging.Value {
			trails = append(trails, t)
		}
	}
	if len(trails) == 0 {
		return nil
	}
	var out []rule.Result
	for _, b := range m.Buckets {
		if len(b.UsedBy) == 0 {
			continue
		}
		reads, writes, known := false, false, true
		var names []string
		for _, t := range trails {
			r, w, k := t.Coverage(b)
			reads, writes, known = reads || r, writes || w, known && k
			names = append(names, t.Address)
		}
		if !known || (reads && writes) {
			continue
		}
		missing := "object reads or writes"
		switch {
		case reads:
			missing = "object writes (tampering)"
		case writes:
			missing = "object reads (theft)"
		}
		out = append(out, rule.OnResource(b.Resource, missing, "%s (used by %s) has no %s recorded by %s",
			b.Address, strings.Join(b.UsedBy, ", "), missing, strings.Join(names, ", ")))
	}
	return out
}
