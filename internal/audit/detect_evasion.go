package audit

import (
	"strings"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/rule"
)

// loggingOff says how a call stops or reduces audit logging, or "".
func loggingOff(e *event.Event) string {
	if e.Failed() || e.Pending {
		return ""
	}
	switch e.Cloud {
	case event.AWS:
		switch {
		case awsCall(e, "cloudtrail", "StopLogging"):
			return "stopped a trail"
		case awsCall(e, "cloudtrail", "DeleteTrail"):
			return "deleted a trail"
		case awsCall(e, "cloudtrail", "PutEventSelectors", "PutAdvancedEventSelectors"):
			if !recordsDataEvents(e) {
				return "set a trail's event selectors without data events (S3 object reads and inference calls no longer recorded)"
			}
		case awsCall(e, "bedrock", "DeleteModelInvocationLoggingConfiguration"):
			return "turned off Bedrock model invocation logging"
		}
	case event.GCP:
		for _, m := range []string{"ConfigServiceV2.DeleteSink", "ConfigServiceV2.CreateExclusion", "ConfigServiceV2.UpdateSink"} {
			if strings.HasSuffix(e.Action, m) {
				return "called " + m + " (audit log routing changed or excluded)"
			}
		}
	case event.Azure:
		if strings.EqualFold(e.Action, "Microsoft.Insights/diagnosticSettings/delete") {
			return "deleted a diagnostic setting (activity or resource logs no longer exported)"
		}
	}
	return ""
}

// recordsDataEvents reports whether new event selectors still record data
// events: classic selectors with data resources, or advanced selectors
// with eventCategory Data.
func recordsDataEvents(e *event.Event) bool {
	var p struct {
		EventSelectors []struct {
			DataResources []struct {
				Type string `json:"type"`
			} `json:"dataResources"`
		} `json:"eventSelectors"`
		AdvancedEventSelectors []struct {
			FieldSelectors []struct {
				Field  string   `json:"field"`
				Equals []string `json:"equals"`
			} `json:"fieldSelectors"`
		} `json:"advancedEventSelectors"`
	}
	if !decodeParams(e, &p) {
		return true // unreadable: say nothing
	}
	for _, s := range p.EventSelectors {
		if len(s.DataResources) > 0 {
			return true
		}
	}
	for _, s := range p.AdvancedEventSelectors {
		for _, f := range s.FieldSelectors {
			if f.Field == "eventCategory" && len(f.Equals) > 0 && f.Equals[0] == "Data" {
				return true
			}
		}
	}
	return false
}

var logTampering = Detector{
	ID: "AUDIT-EVASION-001", Title: "Audit logging stopped, deleted or reduced", Severity: rule.Critical,
	Techniques: []string{"T1562.008"},
	Explanation: "Trails stopped or deleted, data events dropped from a trail, Bedrock invocation logging removed, log " +
		"sinks deleted or excluded, diagnostic settings deleted: what happens next to models and data goes unrecorded.",
	Needs:    "calls that stop or reduce audit logging",
	Relevant: func(e *event.Event) bool { return loggingOff(e) != "" },
	Event: func(c *Context, e *event.Event) {
		c.Raise(e.Who()+"\x00"+e.Source.ID+e.Time.String(), e, named(e), "%s %s (%s)", e.Who(), loggingOff(e), e.Action)
	},
}

// keyTampering says how a call disables or exposes a key, or "".
func keyTampering(e *event.Event) string {
	if e.Failed() || e.Pending {
		return ""
	}
	switch e.Cloud {
	case event.AWS:
		if e.Service != "kms" {
			return ""
		}
		return map[string]string{"DisableKey": "disabled", "ScheduleKeyDeletion": "scheduled the deletion of", "PutKeyPolicy": "changed the policy of",
			"DeleteImportedKeyMaterial": "deleted the key material of", "DisableKeyRotation": "turned off rotation of"}[e.Action]
	case event.GCP:
		for m, what := range map[string]string{"KeyManagementService.DestroyCryptoKeyVersion": "destroyed a version of",
			"KeyManagementService.DisableCryptoKeyVersion": "disabled a version of"} {
			if strings.HasSuffix(e.Action, m) {
				return what
			}
		}
	case event.Azure:
		a := strings.ToLower(e.Action)
		if strings.HasPrefix(a, "microsoft.keyvault/vaults/keys/") && (strings.HasSuffix(a, "/delete") || strings.HasSuffix(a, "/purge/action")) {
			return "deleted or purged"
		}
	}
	return ""
}

// keyOf names the key a call acts on.
func keyOf(e *event.Event) string {
	if len(e.Resources) > 0 {
		return e.Resources[0]
	}
	var p struct {
		KeyID string `json:"keyId"`
	}
	decodeParams(e, &p)
	return p.KeyID
}

var keyTamper = Detector{
	ID: "AUDIT-EVASION-002", Title: "Key protecting ML data disabled, deleted or its policy changed", Severity: rule.High,
	Techniques: []string{"T1485", "T1486", "T1562"},
	Explanation: "The keys ML roles and services use encrypt datasets, volumes and model artifacts: disabling or deleting " +
		"one destroys or holds the data to ransom, and a policy change can open it to others.",
	Needs: "calls that disable, delete or re-permission keys",
	Relevant: func(e *event.Event) bool {
		return keyTampering(e) != ""
	},
	Event: func(c *Context, e *event.Event) {
		key := keyOf(e)
		if e.Cloud == event.AWS && !c.Baseline.Tagged("ml-key", key) {
			return // only keys ML workloads were seen using
		}
		c.Raise(e.Who()+"\x00"+key+"\x00"+e.Action, e, key, "%s %s %s, a key that protects ML data (%s)", e.Who(), keyTampering(e), key, e.Action)
	},
}

// publicBlockRemoved says how a call weakens S3 Block Public Access, or "".
func publicBlockRemoved(e *event.Event) string {
	if e.Cloud != event.AWS || e.Service != "s3" || e.Failed() {
		return ""
	}
	switch e.Action {
	case "DeleteBucketPublicAccessBlock":
		return "deleted the public access block of"
	case "DeletePublicAccessBlock", "DeleteAccountPublicAccessBlock":
		return "deleted the account's public access block, which covered"
	case "PutBucketPublicAccessBlock", "PutPublicAccessBlock", "PutAccountPublicAccessBlock":
		var p struct {
			Config map[string]any `json:"PublicAccessBlockConfiguration"`
		}
		if decodeParams(e, &p) {
			for _, k := range []string{"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"} {
				if v, ok := p.Config[k]; ok && v == false {
					return "set " + k + " to false on"
				}
			}
		}
	}
	return ""
}

var publicBlock = Detector{
	ID: "AUDIT-EVASION-003", Title: "Public access block removed from an ML data or artifact bucket", Severity: rule.High,
	Techniques: []string{"T1562", "T1530"},
	Explanation: "Block Public Access is what keeps a bucket policy or ACL mistake from publishing training data or models; " +
		"removing it from a bucket ML workloads use is often the step before opening it.",
	Needs:    "S3 public access block removals",
	Relevant: func(e *event.Event) bool { return publicBlockRemoved(e) != "" },
	Event: func(c *Context, e *event.Event) {
		var p struct {
			Bucket string `json:"bucketName"`
		}
		decodeParams(e, &p)
		bucket := firstNonEmpty(p.Bucket, e.Bucket)
		if bucket != "" && !c.Baseline.Tagged("ml-bucket", bucket) {
			return
		}
		target := firstNonEmpty(bucket, "every bucket of account "+e.Account)
		c.Raise(e.Who()+"\x00"+target+"\x00"+e.Action, e, target, "%s %s %s (%s)", e.Who(), publicBlockRemoved(e), target, e.Action)
	},
}

// insecure says what a SageMaker create or update call leaves open, or "".
// CloudTrail spells request parameters in lower camel case.
func insecure(e *event.Event) string {
	if e.Cloud != event.AWS || e.Service != "sagemaker" || e.Failed() {
		return ""
	}
	var p struct {
		DirectInternetAccess string    `json:"directInternetAccess"`
		RootAccess           string    `json:"rootAccess"`
		KmsKeyID             string    `json:"kmsKeyId"`
		VpcConfig            *struct{} `json:"vpcConfig"`
		NetworkConfig        struct {
			VpcConfig *struct{} `json:"vpcConfig"`
		} `json:"networkConfig"`
		OutputDataConfig struct {
			KmsKeyID string `json:"kmsKeyId"`
		} `json:"outputDataConfig"`
		ProcessingOutputConfig struct {
			KmsKeyID string `json:"kmsKeyId"`
		} `json:"processingOutputConfig"`
		SubnetID string `json:"subnetId"`
	}
	switch e.Action {
	case "CreateNotebookInstance":
		decodeParams(e, &p)
		var open []string
		if p.DirectInternetAccess != "Disabled" {
			open = append(open, "direct internet access (the default)")
		}
		if p.RootAccess != "Disabled" {
			open = append(open, "root access (the default)")
		}
		if len(open) > 0 {
			return "created a notebook instance with " + strings.Join(open, " and ")
		}
	case "UpdateNotebookInstance":
		if decodeParams(e, &p) && p.RootAccess == "Enabled" {
			return "turned on root access on a notebook instance"
		}
	case "CreateEndpointConfig":
		if decodeParams(e, &p) && p.KmsKeyID == "" {
			return "created an endpoint configuration without a KMS key"
		}
	case "CreateTrainingJob", "CreateProcessingJob":
		if !decodeParams(e, &p) {
			return ""
		}
		var open []string
		if p.VpcConfig == nil && p.NetworkConfig.VpcConfig == nil {
			open = append(open, "outside a VPC")
		}
		if p.OutputDataConfig.KmsKeyID == "" && p.ProcessingOutputConfig.KmsKeyID == "" {
			open = append(open, "without an output KMS key")
		}
		if len(open) > 0 {
			return "started a " + strings.TrimPrefix(strings.TrimSuffix(e.Action, "Job"), "Create") + " job " + strings.Join(open, " and ")
		}
	}
	return ""
}

var insecureML = Detector{
	ID: "AUDIT-EVASION-004", Title: "SageMaker resource created or changed without its guardrails", Severity: rule.Medium,
	Techniques: []string{"T1562", "AML.T0018"},
	Explanation: "Notebooks with internet or root access, endpoint configurations without a KMS key, training and processing " +
		"jobs outside a VPC or without an output key: each leaves a way around the controls that protect models and data.",
	Needs:    "SageMaker create or update calls that leave a guardrail off",
	Relevant: func(e *event.Event) bool { return insecure(e) != "" },
	Event: func(c *Context, e *event.Event) {
		res := named(e)
		c.Raise(e.Who()+"\x00"+e.Source.ID+e.Time.String(), e, res, "%s %s: %s (%s)", e.Who(), insecure(e), res, e.Action)
	},
}

// Detectors are the detections, in the order they run.
var Detectors = []Detector{exfilNew, exfilOutside, exfilVolume, extraction, openedPolicies, exports, presigned,
	logTampering, keyTamper, publicBlock, insecureML, credentialMisuse, keyFirstUse, flowEgress, flowVolume, flowInbound}
