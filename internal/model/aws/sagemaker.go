package aws

import "github.com/mlguard/mlguard/internal/model"

// NotebookInstance is a SageMaker notebook instance.
type NotebookInstance struct {
	model.Resource
	Name                 model.String `json:"name"`
	DirectInternetAccess model.String `json:"direct_internet_access"` // default "Enabled"
	RootAccess           model.String `json:"root_access"`            // default "Enabled"
	KMSKey               model.Ref    `json:"kms_key"`                // default: an AWS managed key
	Subnet               model.Ref    `json:"subnet"`                 // default: none, outside any VPC of yours
	SecurityGroups       model.Refs   `json:"security_groups"`
	Role                 model.Ref    `json:"role"`
	MinimumIMDSVersion   model.String `json:"minimum_imds_version"` // default "1": IMDSv1 allowed
	LifecycleConfig      model.Ref    `json:"lifecycle_config"`
}

// Domain is a SageMaker (Studio) domain.
type Domain struct {
	model.Resource
	Name                 model.String `json:"name"`
	AppNetworkAccessType model.String `json:"app_network_access_type"` // default "PublicInternetOnly"
	KMSKey               model.Ref    `json:"kms_key"`
	VPC                  model.Ref    `json:"vpc"`
	Subnets              model.Refs   `json:"subnets"`
	ExecutionRoles       []model.Ref  `json:"execution_roles,omitempty"`
	// SecurityGroups are the groups of Studio's network interfaces:
	// domain_settings.security_group_ids and the default user and space
	// settings' security_groups.
	SecurityGroups []model.Refs `json:"security_groups,omitempty"`
	// Sharing is default_user_settings.sharing_settings; nil when absent,
	// which disables notebook sharing.
	Sharing *Sharing `json:"sharing,omitempty"`
}

// Sharing is how Studio users share notebooks with their cell output.
type Sharing struct {
	model.Meta
	OutputOption model.String `json:"notebook_output_option"` // default "Disabled"
	KMSKey       model.Ref    `json:"s3_kms_key_id"`
}

// UserProfile is a Studio user profile.
type UserProfile struct {
	model.Resource
	ExecutionRole  model.Ref  `json:"execution_role"`
	SecurityGroups model.Refs `json:"security_groups"`
	Sharing        *Sharing   `json:"sharing,omitempty"`
}

// SageMakerModel is a SageMaker model (aws_sagemaker_model).
type SageMakerModel struct {
	model.Resource
	Name             model.String `json:"name"`
	NetworkIsolation model.Bool   `json:"network_isolation"` // default false
	VPCConfig        *VPCConfig   `json:"vpc_config,omitempty"`
	// VPCConfigUnknown is set when whether a VPC config exists cannot be known
	// (a dynamic block over an unknown collection).
	VPCConfigUnknown bool        `json:"vpc_config_unknown,omitempty"`
	ExecutionRole    model.Ref   `json:"execution_role"`
	Containers       []Container `json:"containers,omitempty"`
}

// VPCConfig places a workload in subnets of a VPC.
type VPCConfig struct {
	model.Meta
	Subnets        model.Refs `json:"subnets"`
	SecurityGroups model.Refs `json:"security_groups"`
}

// Container is a model container definition.
type Container struct {
	model.Meta
	Image        model.String    `json:"image"`
	ModelDataURL model.Ref       `json:"model_data_url"`
	Environment  model.StringMap `json:"environment"`
}

// EndpointConfig is a SageMaker endpoint configuration.
type EndpointConfig struct {
	model.Resource
	Name        model.String        `json:"name"`
	KMSKey      model.Ref           `json:"kms_key"` // kms_key_arn: the ML storage volume key
	Variants    []ProductionVariant `json:"production_variants,omitempty"`
	DataCapture *DataCapture        `json:"data_capture,omitempty"`
	AsyncOutput *AsyncOutput        `json:"async_output,omitempty"`
}

// ProductionVariant is one variant of an endpoint configuration.
type ProductionVariant struct {
	model.Meta
	InstanceType model.String `json:"instance_type"`
	Serverless   bool         `json:"serverless"`
	SSMAccess    model.Bool   `json:"enable_ssm_access"` // default false
	Shadow       bool         `json:"shadow,omitempty"`  // a shadow variant
	// CoreDump is set when the variant writes core dumps of its
	// containers to S3 (core_dump_config).
	CoreDump *CoreDump `json:"core_dump,omitempty"`
}

// CoreDump is where a variant's container core dumps go: memory images
// holding the model's weights and the requests in flight.
type CoreDump struct {
	model.Meta
	Destination model.Ref `json:"destination_s3_uri"`
	KMSKey      model.Ref `json:"kms_key"` // absent: the AWS managed key for S3
}

// DataCapture is an endpoint configuration's data capture setting.
type DataCapture struct {
	model.Meta
	Enabled     model.Bool `json:"enabled"` // default true
	Destination model.Ref  `json:"destination"`
	KMSKey      model.Ref  `json:"kms_key"`
}

// AsyncOutput is the output configuration of asynchronous inference.
type AsyncOutput struct {
	model.Meta
	KMSKey model.Ref `json:"kms_key"`
	Output model.Ref `json:"s3_output_path"`
	// Topics are the SNS topics told of each result (success_topic,
	// error_topic); WithResponse lists where the notification carries the
	// inference response itself (include_inference_response_in).
	Topics       []model.Ref    `json:"notification_topics,omitempty"`
	WithResponse []model.String `json:"include_inference_response_in,omitempty"`
}
