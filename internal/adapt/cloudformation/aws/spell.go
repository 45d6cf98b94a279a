package aws

import (
	"regexp"
	"strings"
)

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

var snakeWord = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)

// Spell rewrites a rule message about a CloudFormation resource: provider
// attribute names become property names, and "the provider default" the
// default. Words it does not know are left alone.
func Spell(msg string) string {
	msg = snakeWord.ReplaceAllStringFunc(msg, func(w string) string {
		if p, ok := propertyNames[w]; ok {
			return p
		}
		return w
	})
	return strings.ReplaceAll(msg, "the provider default", "the default")
}
