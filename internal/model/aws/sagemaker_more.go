package aws

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/pipeline"
)

// LifecycleConfig is a notebook instance lifecycle configuration: shell
// scripts, base64 encoded, that run as root on the notebook.
type LifecycleConfig struct {
	model.Resource
	Name    model.String `json:"name"`
	Scripts []Script     `json:"scripts,omitempty"`
}

// Script is one lifecycle script, decoded.
type Script struct {
	model.Meta
	Hook string `json:"hook"` // on_create, on_start
	Text string `json:"text"` // empty when unknown or not base64
}

// CodeRepository is a Git repository notebooks clone.
type CodeRepository struct {
	model.Resource
	URL    model.String `json:"url"`
	Secret model.Ref    `json:"secret"`
}

// FeatureGroup is a SageMaker Feature Store feature group.
type FeatureGroup struct {
	model.Resource
	Name    model.String  `json:"name"` // feature_group_name
	Online  *OnlineStore  `json:"online_store,omitempty"`
	Offline *OfflineStore `json:"offline_store,omitempty"`
}

// OnlineStore is a feature group's online store.
type OnlineStore struct {
	model.Meta
	Enabled model.Bool `json:"enabled"` // default false
	KMSKey  model.Ref  `json:"kms_key"`
}

// OfflineStore is a feature group's offline store in S3.
type OfflineStore struct {
	model.Meta
	S3URI  model.Ref `json:"s3_uri"`
	KMSKey model.Ref `json:"kms_key"`
}

// Workforce is a private workforce for labelling and human review.
type Workforce struct {
	model.Resource
	SourceCIDRs *model.Refs `json:"source_cidrs,omitempty"` // nil: no source IP restriction
	// ClientSecret is the OIDC client secret, when the workforce signs in
	// through an OIDC identity provider.
	ClientSecret model.String `json:"oidc_client_secret"`
}

// ModelPackageGroup is a SageMaker model registry group.
type ModelPackageGroup struct {
	model.Resource
	Name model.String `json:"name"`
}

// Endpoint is a SageMaker real-time endpoint.
type Endpoint struct {
	model.Resource
	Name   model.String `json:"name"`
	Config model.Ref    `json:"endpoint_config"`
}

// ModelPackageGroupPolicy is the resource policy of a model registry group.
type ModelPackageGroupPolicy struct {
	model.Resource
	Group  model.Ref      `json:"group"`
	Policy PolicyDocument `json:"policy"`
}

// Agent is an Amazon Bedrock agent.
type Agent struct {
	model.Resource
	KMSKey    model.Ref `json:"kms_key"`   // customer_encryption_key_arn; default an AWS owned key
	Guardrail model.Ref `json:"guardrail"` // guardrail_configuration.guardrail_identifier
	Role      model.Ref `json:"role"`
}

// CustomModel is an Amazon Bedrock model customization (fine-tuning) job and
// its resulting model.
type CustomModel struct {
	model.Resource
	Name      model.String `json:"name"`    // custom_model_name
	KMSKey    model.Ref    `json:"kms_key"` // custom_model_kms_key_id; default an AWS owned key
	VPCConfig *VPCConfig   `json:"vpc_config,omitempty"`
	Role      model.Ref    `json:"role"`
}

// DataSource is a Bedrock knowledge base data source.
type DataSource struct {
	model.Resource
	// KMSKey encrypts the data while it is ingested; default an AWS owned key.
	KMSKey model.Ref `json:"kms_key"`
}

// Guardrail is an Amazon Bedrock guardrail.
type Guardrail struct {
	model.Resource
	KMSKey  model.Ref       `json:"kms_key"`
	Filters []ContentFilter `json:"filters,omitempty"`
	// FiltersUnknown is set when the content filters cannot be known.
	FiltersUnknown bool `json:"filters_unknown,omitempty"`
}

// ContentFilter is one content filter of a guardrail.
type ContentFilter struct {
	model.Meta
	Type          model.String `json:"type"` // PROMPT_ATTACK, HATE, ...
	InputStrength model.String `json:"input_strength"`
}

// Pipeline is a SageMaker pipeline and the steps its definition declares.
type Pipeline struct {
	model.Resource
	Role model.Ref `json:"role"`
	// Definition is where the definition is written; its steps point here.
	Definition model.Meta      `json:"definition"`
	Steps      []pipeline.Step `json:"steps,omitempty"`
	// DefinitionError says why a written, known definition could not be read.
	DefinitionError string `json:"definition_error,omitempty"`
	// Locations are the S3 locations the definition names, as literals or
	// through links to buckets of the scan.
	Locations []model.Ref `json:"locations,omitempty"`
}

// MonitoringJob is a model monitor job: a data quality, model quality, bias
// or explainability job definition, or the job a monitoring schedule defines
// inline.
type MonitoringJob struct {
	model.Resource
	NetworkIsolation model.Bool `json:"enable_network_isolation"`          // default false
	InterContainer   model.Bool `json:"enable_inter_container_encryption"` // default false
	// Network is the network config block, explicit when it is written.
	Network model.Meta `json:"network"`
	// InVPC says whether a VPC config is written; its range is that config,
	// or where it belongs.
	InVPC         model.Bool      `json:"in_vpc"`
	InstanceCount model.Int       `json:"instance_count"`
	InstanceType  model.String    `json:"instance_type"`
	Cluster       model.Meta      `json:"cluster"`
	VolumeKMS     model.Ref       `json:"volume_kms_key"`
	Output        model.Meta      `json:"output"`
	OutputKMS     model.Ref       `json:"output_kms_key"`
	Environment   model.StringMap `json:"environment"`
}

// FlowDefinition is an Augmented AI (human review) flow definition.
type FlowDefinition struct {
	model.Resource
	Role      model.Ref  `json:"role"`
	Workteam  model.Ref  `json:"workteam"` // human_loop_config.workteam_arn
	Output    model.Meta `json:"output"`
	OutputKMS model.Ref  `json:"output_kms_key"` // default: the bucket's default encryption
	OutputURI model.Ref  `json:"s3_output_path"`
}

// MLflowServer is a SageMaker managed MLflow tracking server.
type MLflowServer struct {
	model.Resource
	Role          model.Ref `json:"role"`
	ArtifactStore model.Ref `json:"artifact_store_uri"`
}

// HyperPodCluster is a SageMaker HyperPod cluster (AWS::SageMaker::Cluster;
// the hashicorp/aws provider has no resource for it, awscc and
// CloudFormation do).
type HyperPodCluster struct {
	model.Resource
	// VPC is true when vpc_config places the cluster in subnets of yours;
	// without it, nodes run in the VPC SageMaker owns.
	VPC    model.Bool      `json:"vpc"`
	Groups []HyperPodGroup `json:"instance_groups,omitempty"`
}

// HyperPodGroup is one instance group of a HyperPod cluster.
type HyperPodGroup struct {
	model.Meta
	Name string    `json:"name"`
	Role model.Ref `json:"execution_role"`
	// Lifecycle is the S3 location of its lifecycle scripts, which run as
	// root on every node it creates.
	Lifecycle model.Ref `json:"lifecycle_source_s3_uri"`
	// OwnVPC is true when the group overrides the cluster's VPC with its
	// own subnets (OverrideVpcConfig; default: the cluster's).
	OwnVPC model.Bool `json:"override_vpc"`
}

// InvocationLogging is the account's Bedrock model invocation logging
// configuration: where prompts and responses are written.
type InvocationLogging struct {
	model.Resource
	TextDelivery model.Bool  `json:"text_data_delivery_enabled"` // default true
	Buckets      []model.Ref `json:"buckets,omitempty"`          // s3_config and large data delivery buckets
	LogGroup     model.Ref   `json:"log_group"`
}
