package aws

import "strings"

// propertyNames spells, in CloudFormation, the provider attribute names that
// rule messages quote. Rules speak the provider's vocabulary because both
// formats share one adapter; a finding on a template should name what its
// author wrote.
var propertyNames = map[string]string{
	"vpc_config":               "VpcConfig",
	"enable_network_isolation": "EnableNetworkIsolation",
	"subnet_id":                "SubnetId",
	"sse_algorithm":            "SSEAlgorithm",
	"scan_on_push":             "ScanOnPush",
	"root_access":              "RootAccess",
	"minimum_instance_metadata_service_version": "MinimumInstanceMetadataServiceVersion",
	"image_tag_mutability":                      "ImageTagMutability",
	"enable_ssm_access":                         "EnableSSMAccess",
	"enable_log_file_validation":                "EnableLogFileValidation",
	"enable_key_rotation":                       "EnableKeyRotation",
	"direct_internet_access":                    "DirectInternetAccess",
	"app_network_access_type":                   "AppNetworkAccessType",
	"encryption_type":                           "EncryptionType",
	"kms_key_id":                                "KmsKeyId",
}

// Spell rewrites a rule message about a CloudFormation resource: provider
// attribute names become property names, and "the provider default" the
// default. Words it does not know are left alone.
func Spell(msg string) string {
	if strings.IndexByte(msg, '_') >= 0 {
		var sb strings.Builder
		for i := 0; i < len(msg); {
			j := i
			for j < len(msg) && isWordByte(msg[j]) {
				j++
			}
			if j == i {
				sb.WriteByte(msg[i])
				i++
				continue
			}
			w := msg[i:j]
			if p, ok := propertyNames[w]; ok {
				w = p
			}
			sb.WriteString(w)
			i = j
		}
		msg = sb.String()
	}
	return strings.ReplaceAll(msg, "the provider default", "the default")
}

// isWordByte reports whether b can be part of an attribute name, so that
// only whole names are rewritten (not the tail of hf_token_arn).
func isWordByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
