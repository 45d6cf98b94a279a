package aws

import "github.com/mlguard/mlguard/internal/model"

// Bucket is an S3 bucket with the settings the provider spreads over several
// resources (encryption, public access block, policy, versioning, ACL)
// gathered on it.
type Bucket struct {
	model.Resource
	Name model.String `json:"name"`
	// Encryption is nil when no default encryption is configured in the scan:
	// S3 then encrypts new objects with S3 managed keys (SSE-S3).
	Encryption *BucketEncryption `json:"encryption,omitempty"`
	// PublicAccessBlock is nil when the bucket has none of its own: new
	// buckets then block all public access (S3's default since April 2023).
	PublicAccessBlock *PublicAccessBlock `json:"public_access_block,omitempty"`
	Policies          []PolicyDocument   `json:"policies,omitempty"`
	Versioning        model.String       `json:"versioning"` // Enabled, Suspended, default Disabled
	ACL               model.String       `json:"acl"`        // canned ACL, default private
	// Uncertain lists the settings that a resource of the scan may set on
	// this bucket without it being known which bucket it names.
	Uncertain map[string]bool `json:"uncertain,omitempty"`
	// Logging is set when server access logging is configured for the bucket.
	Logging bool `json:"access_logging,omitempty"`
	// LogTarget is set when the bucket receives server access logs, which
	// S3 delivers only to buckets encrypted with SSE-S3.
	LogTarget bool `json:"access_log_target,omitempty"`
	// UsedBy lists the ML resources that read or write this bucket.
	UsedBy []string `json:"used_by,omitempty"`
}

// BucketEncryption is a bucket's default encryption.
type BucketEncryption struct {
	model.Meta
	Algorithm model.String `json:"algorithm"` // AES256, aws:kms, aws:kms:dsse
	KMSKey    model.Ref    `json:"kms_key"`   // default for aws:kms: the AWS managed key aws/s3
}

// PublicAccessBlock is a bucket's public access block. Each setting
// defaults to false when the block is declared.
type PublicAccessBlock struct {
	model.Meta
	Source                model.Resource `json:"source"`
	BlockPublicACLs       model.Bool     `json:"block_public_acls"`
	BlockPublicPolicy     model.Bool     `json:"block_public_policy"`
	IgnorePublicACLs      model.Bool     `json:"ignore_public_acls"`
	RestrictPublicBuckets model.Bool     `json:"restrict_public_buckets"`
}

// Repository is an ECR repository.
type Repository struct {
	model.Resource
	Name           model.String     `json:"name"`
	ScanOnPush     model.Bool       `json:"scan_on_push"`    // default false
	TagMutability  model.String     `json:"tag_mutability"`  // default MUTABLE
	EncryptionType model.String     `json:"encryption_type"` // default AES256
	KMSKey         model.Ref        `json:"kms_key"`         // for KMS: default the AWS managed key aws/ecr
	Policies       []PolicyDocument `json:"policies,omitempty"`
}

// LogGroup is a CloudWatch Logs log group.
type LogGroup struct {
	model.Resource
	Name   model.String `json:"name"`
	KMSKey model.Ref    `json:"kms_key"` // default: none, CloudWatch Logs' own encryption
	// RetentionDays is how long events are kept; 0, the default, keeps them forever.
	RetentionDays model.Int `json:"retention_in_days"`
	// UsedBy lists the ML resources that deliver logs to this group (Bedrock
	// invocation logging), whatever its name.
	UsedBy []string `json:"used_by,omitempty"`
}

// Secret is a Secrets Manager secret.
type Secret struct {
	model.Resource
	Name   model.String `json:"name"`
	KMSKey model.Ref    `json:"kms_key"` // default: the AWS managed key aws/secretsmanager
	// Policies are the secret's resource policies.
	Policies []PolicyDocument `json:"policies,omitempty"`
}

// ServerlessPolicy is an OpenSearch Serverless security policy (network or
// encryption) or data access policy, the stores Bedrock knowledge bases and
// RAG applications keep their vectors in. The policy is JSON in all of its
// sources; its parts are read here.
type ServerlessPolicy struct {
	model.Resource
	Name model.String `json:"name"`
	Type model.String `json:"type"` // network, encryption or data
	// Document is the policy as written (its Meta is where to report); a
	// policy that is unknown or not valid JSON has no parts below.
	Document model.String `json:"policy"`
	Readable bool         `json:"readable"`
	// Public lists the collections and dashboards a network policy opens to
	// the internet (AllowFromPublic: true), as written; PublicDashboards
	// are those of its rules of type dashboard (a collection's OpenSearch
	// Dashboards, not its endpoint).
	Public           []string `json:"public,omitempty"`
	PublicDashboards []string `json:"public_dashboards,omitempty"`
	// AWSOwned lists the collections an encryption policy leaves under an
	// AWS owned key (AWSOwnedKey: true).
	AWSOwned []string `json:"aws_owned_key,omitempty"`
	// Grants are the statements of a data access policy.
	Grants []ServerlessGrant `json:"grants,omitempty"`
}

// ServerlessGrant is one statement of a data access policy.
type ServerlessGrant struct {
	Principals  []string `json:"principals"`
	Permissions []string `json:"permissions"`
	Resources   []string `json:"resources"`
}

// Topic is an SNS topic.
type Topic struct {
	model.Resource
	Name   model.String `json:"name"`
	KMSKey model.Ref    `json:"kms_key"` // kms_master_key_id; default: no encryption at rest
	// Policies are its access policy (policy) and aws_sns_topic_policy
	// resources; none: the default policy, which admits only the owner.
	Policies []PolicyDocument `json:"policies,omitempty"`
}

// Queue is an SQS queue (pipelines and asynchronous inference use them).
type Queue struct {
	model.Resource
	Name model.String `json:"name"`
	// Policies are its policy and aws_sqs_queue_policy resources; none:
	// only the owning account's identities that are granted access.
	Policies []PolicyDocument `json:"policies,omitempty"`
}

// SearchDomain is an OpenSearch Service (or legacy Elasticsearch) domain,
// the vector store of many RAG applications and knowledge bases.
type SearchDomain struct {
	model.Resource
	Name model.String `json:"name"`
	// VPC is true when vpc_options places the domain in subnets; without
	// them the domain has a public endpoint (the provider's default).
	VPC model.Bool `json:"vpc"`
	// Policies are its access_policies and domain policy resources.
	Policies []PolicyDocument `json:"access_policies,omitempty"`
	// FineGrained is advanced_security_options.enabled (default false):
	// fine-grained access control, which authenticates every request.
	FineGrained   model.Bool `json:"fine_grained_access_control"`
	AnonymousAuth model.Bool `json:"anonymous_auth"`
	// EncryptAtRest is encrypt_at_rest.enabled; KMSKey its kms_key_id
	// (default: the AWS managed key aws/es).
	EncryptAtRest model.Bool `json:"encrypt_at_rest"`
	KMSKey        model.Ref  `json:"kms_key"`
}
