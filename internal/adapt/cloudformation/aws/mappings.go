package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	cfn "github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// mappings translate each CloudFormation resource type mlguard models. A
// property left out of renames is the snake_case of its name in the provider
// (KmsKeyId -> kms_key_id), which holds for most SageMaker properties because
// both follow the SageMaker API.
var mappings = map[string]mapping{
	"AWS::SageMaker::NotebookInstance": {tf: "aws_sagemaker_notebook_instance", renames: map[string]string{
		"NotebookInstanceName": "name", "SecurityGroupIds": "security_groups",
	}},
	"AWS::SageMaker::Domain": {tf: "aws_sagemaker_domain"},
	"AWS::SageMaker::Model": {tf: "aws_sagemaker_model", renames: map[string]string{
		"ModelName": "name", "Containers": "container",
	}, maps: []string{"PrimaryContainer.Environment", "Containers.Environment"}},
	"AWS::SageMaker::EndpointConfig": {tf: "aws_sagemaker_endpoint_configuration", renames: map[string]string{
		"EndpointConfigName": "name", "KmsKeyId": "kms_key_arn",
	}},
	"AWS::IAM::Role": {tf: "aws_iam_role", renames: map[string]string{
		"RoleName": "name", "AssumeRolePolicyDocument": "assume_role_policy", "PermissionsBoundary": "permissions_boundary",
		"Policies": "inline_policy", "Policies.PolicyName": "name", "Policies.PolicyDocument": "policy",
	}, policies: []string{"AssumeRolePolicyDocument", "Policies.PolicyDocument"}},
	// Users and groups carry inline and managed policies in CloudFormation;
	// the adapter reads them under the role's attribute names.
	"AWS::IAM::User": {tf: "aws_iam_user", renames: map[string]string{
		"UserName": "name", "PermissionsBoundary": "permissions_boundary", "Policies": "inline_policy", "Policies.PolicyName": "name", "Policies.PolicyDocument": "policy",
	}, policies: []string{"Policies.PolicyDocument"}},
	"AWS::IAM::Group": {tf: "aws_iam_group", renames: map[string]string{
		"GroupName": "name", "Policies": "inline_policy", "Policies.PolicyName": "name", "Policies.PolicyDocument": "policy",
	}, policies: []string{"Policies.PolicyDocument"}},
	"AWS::IAM::ManagedPolicy": {tf: "aws_iam_policy", renames: map[string]string{
		"ManagedPolicyName": "name", "PolicyDocument": "policy",
	}, policies: []string{"PolicyDocument"}, split: managedPolicy},
	"AWS::IAM::Policy": {tf: "aws_iam_role_policy", renames: map[string]string{
		"PolicyName": "name", "PolicyDocument": "policy",
	}, policies: []string{"PolicyDocument"}, split: inlinePolicy},
	"AWS::IAM::RolePolicy": {tf: "aws_iam_role_policy", renames: map[string]string{
		"PolicyName": "name", "PolicyDocument": "policy", "RoleName": "role",
	}, policies: []string{"PolicyDocument"}},
	"AWS::OpenSearchServerless::SecurityPolicy": {tf: "aws_opensearchserverless_security_policy"},
	"AWS::OpenSearchServerless::AccessPolicy":   {tf: "aws_opensearchserverless_access_policy"},
	"AWS::Organizations::Policy": {tf: "aws_organizations_policy", renames: map[string]string{
		"Name": "name", "Type": "type", "Content": "content", "TargetIds": "target_ids",
	}, policies: []string{"Content"}},
	"AWS::EC2::VPC":                         {tf: "aws_vpc"},
	"AWS::EC2::Subnet":                      {tf: "aws_subnet"},
	"AWS::EC2::RouteTable":                  {tf: "aws_route_table"},
	"AWS::EC2::Route":                       {tf: "aws_route"},
	"AWS::EC2::SubnetRouteTableAssociation": {tf: "aws_route_table_association"},
	"AWS::EC2::InternetGateway":             {tf: "aws_internet_gateway"},
	"AWS::S3::Bucket": {tf: "aws_s3_bucket", renames: map[string]string{
		"BucketName": "bucket", "AccessControl": "acl",
	}, values: map[string]map[string]string{"AccessControl": cannedACLs}, split: bucket},
	"AWS::S3::BucketPolicy": {tf: "aws_s3_bucket_policy", renames: map[string]string{
		"PolicyDocument": "policy",
	}, policies: []string{"PolicyDocument"}},
	"AWS::ECR::Repository": {tf: "aws_ecr_repository", renames: map[string]string{
		"RepositoryName": "name", "RepositoryPolicyText": "policy",
	}, policies: []string{"RepositoryPolicyText"}, split: repository},
	"AWS::ECR::RegistryScanningConfiguration": {tf: "aws_ecr_registry_scanning_configuration"},
	"AWS::SageMaker::Cluster": {tf: "aws_sagemaker_cluster", renames: map[string]string{
		"ClusterName": "name", "InstanceGroups": "instance_group", "InstanceGroups.InstanceGroupName": "name",
		"InstanceGroups.ExecutionRole": "execution_role", "InstanceGroups.LifeCycleConfig": "lifecycle_config",
		"InstanceGroups.LifeCycleConfig.SourceS3Uri": "source_s3_uri", "InstanceGroups.LifeCycleConfig.OnCreate": "on_create",
		"InstanceGroups.OverrideVpcConfig": "override_vpc_config", "InstanceGroups.OverrideVpcConfig.Subnets": "subnets",
		"VpcConfig": "vpc_config", "VpcConfig.Subnets": "subnets", "VpcConfig.SecurityGroupIds": "security_group_ids",
	}},
	"AWS::SNS::Topic": {tf: "aws_sns_topic", renames: map[string]string{"TopicName": "name"}},
	"AWS::SNS::TopicPolicy": {tf: "aws_sns_topic_policy", renames: map[string]string{"PolicyDocument": "policy"},
		policies: []string{"PolicyDocument"}, split: eachTarget("Topics", "topics", "arn")},
	"AWS::SQS::Queue": {tf: "aws_sqs_queue", renames: map[string]string{"QueueName": "name"}},
	"AWS::SQS::QueuePolicy": {tf: "aws_sqs_queue_policy", renames: map[string]string{"PolicyDocument": "policy"},
		policies: []string{"PolicyDocument"}, split: eachTarget("Queues", "queues", "queue_url")},
	"AWS::OpenSearchService::Domain": {tf: "aws_opensearch_domain", renames: searchDomainNames, policies: []string{"AccessPolicies"}},
	"AWS::Elasticsearch::Domain":     {tf: "aws_elasticsearch_domain", renames: searchDomainNames, policies: []string{"AccessPolicies"}},
	"AWS::CloudTrail::Trail": {tf: "aws_cloudtrail", renames: map[string]string{
		"TrailName": "name", "IsLogging": "enable_logging", "KMSKeyId": "kms_key_id", "S3BucketName": "s3_bucket_name",
		"EventSelectors": "event_selector", "EventSelectors.DataResources": "data_resource",
		"AdvancedEventSelectors": "advanced_event_selector", "AdvancedEventSelectors.FieldSelectors": "field_selector",
	}},
	// ServiceName is often Fn::Sub over AWS::Region: read as a document, its
	// known suffix (.s3, .sagemaker.api) survives the unknown region.
	"AWS::EC2::VPCEndpoint":    {tf: "aws_vpc_endpoint", policies: []string{"ServiceName"}},
	"AWS::ECS::TaskDefinition": {tf: "aws_ecs_task_definition", policies: []string{"ContainerDefinitions"}},
	"AWS::Lambda::Function":    {tf: "aws_lambda_function", maps: []string{"Environment.Variables"}},
	// SAM (Transform: AWS::Serverless-2016-10-31) expands a function into
	// an AWS::Lambda::Function with the same Environment.
	"AWS::Serverless::Function":            {tf: "aws_lambda_function", maps: []string{"Environment.Variables"}},
	"AWS::SageMaker::UserProfile":          {tf: "aws_sagemaker_user_profile"},
	"AWS::SageMaker::MlflowTrackingServer": {tf: "aws_sagemaker_mlflow_tracking_server"},
	"AWS::Bedrock::DataSource":             {tf: "aws_bedrockagent_data_source"},
	"AWS::SecretsManager::ResourcePolicy": {tf: "aws_secretsmanager_secret_policy", renames: map[string]string{
		"SecretId": "secret_arn", "ResourcePolicy": "policy",
	}, policies: []string{"ResourcePolicy"}},
	"AWS::Logs::LogGroup":         {tf: "aws_cloudwatch_log_group", renames: map[string]string{"LogGroupName": "name"}},
	"AWS::SecretsManager::Secret": {tf: "aws_secretsmanager_secret"},
	"AWS::EC2::SecurityGroup": {tf: "aws_security_group", renames: map[string]string{
		"SecurityGroupIngress": "ingress", "SecurityGroupIngress.CidrIp": "cidr_blocks",
		"SecurityGroupIngress.CidrIpv6": "ipv6_cidr_blocks", "SecurityGroupIngress.IpProtocol": "protocol",
	}, lists: []string{"SecurityGroupIngress.CidrIp", "SecurityGroupIngress.CidrIpv6"}},
	"AWS::EC2::SecurityGroupIngress": {tf: "aws_vpc_security_group_ingress_rule", renames: map[string]string{
		"GroupId": "security_group_id", "CidrIp": "cidr_ipv4", "CidrIpv6": "cidr_ipv6",
	}},
	"AWS::SageMaker::NotebookInstanceLifecycleConfig": {tf: "aws_sagemaker_notebook_instance_lifecycle_configuration", renames: map[string]string{
		"NotebookInstanceLifecycleConfigName": "name",
	}, split: lifecycleConfig},
	"AWS::SageMaker::CodeRepository": {tf: "aws_sagemaker_code_repository"},
	"AWS::SageMaker::FeatureGroup":   {tf: "aws_sagemaker_feature_group"},
	"AWS::SageMaker::Endpoint": {tf: "aws_sagemaker_endpoint", renames: map[string]string{
		"EndpointName": "name",
	}},
	"AWS::SageMaker::ModelPackageGroup": {tf: "aws_sagemaker_model_package_group", renames: map[string]string{
		"ModelPackageGroupPolicy": "resource_policy",
	}, policies: []string{"ModelPackageGroupPolicy"}, split: modelPackageGroup},
	"AWS::SageMaker::DataQualityJobDefinition":         monitoringJob("DataQuality"),
	"AWS::SageMaker::ModelQualityJobDefinition":        monitoringJob("ModelQuality"),
	"AWS::SageMaker::ModelBiasJobDefinition":           monitoringJob("ModelBias"),
	"AWS::SageMaker::ModelExplainabilityJobDefinition": monitoringJob("ModelExplainability"),
	"AWS::SageMaker::MonitoringSchedule":               {tf: "aws_sagemaker_data_quality_job_definition", split: monitoringSchedule},
	"AWS::SageMaker::Pipeline":                         {tf: "aws_sagemaker_pipeline", split: sageMakerPipeline},
	"AWS::Bedrock::Agent":                              {tf: "aws_bedrockagent_agent", split: agentActionGroups},
	"AWS::Bedrock::Guardrail":                          {tf: "aws_bedrock_guardrail"},
	"AWS::KMS::Key": {tf: "aws_kms_key", renames: map[string]string{
		"KeyPolicy": "policy", "KeySpec": "customer_master_key_spec",
	}, policies: []string{"KeyPolicy"}},
}

// managedPolicy is a customer managed policy plus, when it names roles, the
// attachment the provider spells as a separate resource.
func managedPolicy(m mapping, r *cfn.Resource) []*terraform.Resource {
	pol := m.document(m.tf, r, r.Properties)
	out := []*terraform.Resource{pol}
	att := m.document("aws_iam_policy_attachment", r, nil)
	for _, prop := range []string{"Roles", "Users", "Groups"} {
		if v := r.Properties.Get(prop); v != nil {
			name := strings.ToLower(prop)
			att.Body.Attrs[name] = &terraform.Attr{Name: name, Value: toCty(v), Refs: v.AllRefs(), Range: v.Range}
		}
	}
	if len(att.Body.Attrs) == 0 {
		return out
	}
	// The attachment names the policy by its ARN, which only a deployment knows.
	att.Body.Attrs["policy_arn"] = &terraform.Attr{Name: "policy_arn", Value: cty.DynamicVal, Refs: []string{r.LogicalID}, Range: r.Range}
	return append(out, att)
}

// inlinePolicy is an AWS::IAM::Policy: an inline policy embedded in each
// role, user and group it names.
func inlinePolicy(m mapping, r *cfn.Resource) []*terraform.Resource {
	var out []*terraform.Resource
	for _, p := range []struct{ prop, tf, attr string }{
		{"Roles", "aws_iam_role_policy", "role"}, {"Users", "aws_iam_user_policy", "user"}, {"Groups", "aws_iam_group_policy", "group"},
	} {
		list := r.Properties.Get(p.prop)
		if list == nil || list.Kind != cfn.List {
			continue
		}
		for _, who := range list.List {
			d := m.document(p.tf, r, r.Properties)
			delete(d.Body.Attrs, "roles")
			delete(d.Body.Attrs, "users")
			delete(d.Body.Attrs, "groups")
			d.Body.Attrs[p.attr] = &terraform.Attr{Name: p.attr, Value: toCty(who), Refs: who.AllRefs(), Range: who.Range}
			out = append(out, d)
		}
	}
	return out
}

// actionGroup translates one element of an agent's ActionGroups, which the
// provider keeps as a resource of its own.
var actionGroup = mapping{tf: "aws_bedrockagent_agent_action_group"}

// agentActionGroups splits the action groups a CloudFormation agent
// declares inline into action group documents linked to it, so that the
// roles of the Lambda functions they call are judged as the agent's.
func agentActionGroups(m mapping, r *cfn.Resource) []*terraform.Resource {
	agent := m.document(m.tf, r, r.Properties)
	delete(agent.Body.Attrs, "action_groups")
	agent.Body.Blocks = slices.DeleteFunc(agent.Body.Blocks, func(b *terraform.Block) bool { return b.Type == "action_groups" })
	out := []*terraform.Resource{agent}
	groups := r.Properties.Get("ActionGroups")
	if groups == nil || groups.Kind != cfn.List {
		return out
	}
	for i, g := range groups.List {
		d := actionGroup.document(actionGroup.tf, r, g)
		d.Address = fmt.Sprintf("%s.ActionGroups[%d]", r.LogicalID, i)
		d.Body.Attrs["agent_id"] = link("agent_id", r.LogicalID, r)
		out = append(out, d)
	}
	return out
}

// searchDomainNames are the provider's names of an OpenSearch (or
// Elasticsearch) domain's properties.
var searchDomainNames = map[string]string{
	"DomainName": "domain_name", "AccessPolicies": "access_policies", "VPCOptions": "vpc_options",
	"VPCOptions.SubnetIds": "subnet_ids", "VPCOptions.SecurityGroupIds": "security_group_ids",
	"EncryptionAtRestOptions": "encrypt_at_rest", "EncryptionAtRestOptions.KmsKeyId": "kms_key_id",
	"AdvancedSecurityOptions": "advanced_security_options", "AdvancedSecurityOptions.AnonymousAuthEnabled": "anonymous_auth_enabled",
}

// eachTarget makes one resource per element of a list property (a topic
// policy's Topics, a queue policy's Queues), as the provider keeps one
// target per policy resource.
func eachTarget(prop, tfList, attr string) func(m mapping, r *cfn.Resource) []*terraform.Resource {
	return func(m mapping, r *cfn.Resource) []*terraform.Resource {
		list := r.Properties.Get(prop)
		if list == nil || list.Kind != cfn.List {
			return []*terraform.Resource{m.document(m.tf, r, r.Properties)}
		}
		var out []*terraform.Resource
		for _, t := range list.List {
			d := m.document(m.tf, r, r.Properties)
			delete(d.Body.Attrs, tfList)
			d.Body.Attrs[attr] = &terraform.Attr{Name: attr, Value: toCty(t), Refs: t.AllRefs(), Range: t.Range}
			out = append(out, d)
		}
		return out
	}
}

// cannedACLs spells CloudFormation's AccessControl values as S3 canned ACLs.
var cannedACLs = map[string]string{
	"Private": "private", "PublicRead": "public-read", "PublicReadWrite": "public-read-write",
	"AuthenticatedRead": "authenticated-read", "LogDeliveryWrite": "log-delivery-write",
	"BucketOwnerRead": "bucket-owner-read", "BucketOwnerFullControl": "bucket-owner-full-control",
	"AwsExecRead": "aws-exec-read",
}

// link is an attribute naming resource id, whose value only a deployment knows.
func link(name, id string, r *cfn.Resource) *terraform.Attr {
	return &terraform.Attr{Name: name, Value: cty.DynamicVal, Refs: []string{id}, Range: r.Range}
}

// part is a provider resource that configures the bucket r from one of its
// CloudFormation properties, or nil when r does not set it.
func (m mapping) part(r *cfn.Resource, prop, tf, linkAttr, inner string) *terraform.Resource {
	v := r.Properties.Get(prop)
	if v == nil {
		return nil
	}
	d := m.document(tf, r, nil)
	d.Body.Attrs[linkAttr] = link(linkAttr, r.LogicalID, r)
	if v.Kind != cfn.Map {
		d.Body.Attrs[inner] = &terraform.Attr{Name: inner, Value: toCty(v), Refs: v.AllRefs(), Range: v.Range}
		return d
	}
	nb := &terraform.Block{Type: inner, Range: v.Range, Attrs: map[string]*terraform.Attr{}}
	m.fill(nb, v, prop)
	if inner == "" {
		d.Body.Blocks, d.Body.Attrs = nb.Blocks, merge(d.Body.Attrs, nb.Attrs)
	} else {
		d.Body.Blocks = append(d.Body.Blocks, nb)
	}
	return d
}

func merge(a, b map[string]*terraform.Attr) map[string]*terraform.Attr {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// bucket splits an AWS::S3::Bucket the way the provider does: the bucket,
// its default encryption, public access block, versioning and access logging.
func bucket(m mapping, r *cfn.Resource) []*terraform.Resource {
	props := r.Properties
	main := m.document(m.tf, r, nil)
	if props != nil {
		for _, k := range []string{"BucketName", "AccessControl"} {
			if v := props.Get(k); v != nil {
				sub := &cfn.Value{Kind: cfn.Map, Keys: []string{k}, Map: map[string]*cfn.Value{k: v}}
				m.fill(main.Body, sub, "")
			}
		}
	}
	out := []*terraform.Resource{main}
	enc := bucketMapping.part(r, "BucketEncryption", "aws_s3_bucket_server_side_encryption_configuration", "bucket", "")
	pab := bucketMapping.part(r, "PublicAccessBlockConfiguration", "aws_s3_bucket_public_access_block", "bucket", "")
	ver := bucketMapping.part(r, "VersioningConfiguration", "aws_s3_bucket_versioning", "bucket", "versioning_configuration")
	logs := bucketMapping.part(r, "LoggingConfiguration", "aws_s3_bucket_logging", "bucket", "")
	for _, d := range []*terraform.Resource{enc, pab, ver, logs} {
		if d != nil {
			out = append(out, d)
		}
	}
	return out
}

// bucketMapping names the parts of a bucket as the provider does.
var bucketMapping = mapping{renames: map[string]string{
	"BucketEncryption.ServerSideEncryptionConfiguration":                               "rule",
	"BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault": "apply_server_side_encryption_by_default",
	"LoggingConfiguration.DestinationBucketName":                                       "target_bucket",
}}

// repository is an ECR repository plus, when it carries a policy, the
// provider's separate repository policy.
func repository(m mapping, r *cfn.Resource) []*terraform.Resource {
	repo := m.document(m.tf, r, r.Properties)
	out := []*terraform.Resource{repo}
	if pol := repo.Body.Attrs["policy"]; pol != nil {
		delete(repo.Body.Attrs, "policy")
		p := m.document("aws_ecr_repository_policy", r, nil)
		p.Body.Attrs["policy"] = pol
		p.Body.Attrs["repository"] = link("repository", r.LogicalID, r)
		out = append(out, p)
	}
	return out
}

// lifecycleConfig takes the first script of OnCreate and OnStart (the API
// accepts one each), already base64 as the provider has it.
func lifecycleConfig(m mapping, r *cfn.Resource) []*terraform.Resource {
	d := m.document(m.tf, r, nil)
	for _, hook := range []string{"OnCreate", "OnStart"} {
		v := r.Properties.Get(hook)
		if v == nil {
			continue
		}
		content := v.Get("Content")
		if v.Kind == cfn.List && len(v.List) > 0 {
			content = v.List[0].Get("Content")
		}
		if content != nil {
			name := snake(hook)
			d.Body.Attrs[name] = &terraform.Attr{Name: name, Value: toCty(content), Refs: content.AllRefs(), Range: content.Range}
		}
	}
	return []*terraform.Resource{d}
}

// modelPackageGroup is the group's inline policy, as the provider's
// separate group policy resource.
func modelPackageGroup(m mapping, r *cfn.Resource) []*terraform.Resource {
	pol := r.Properties.Get("ModelPackageGroupPolicy")
	if pol == nil {
		return nil
	}
	d := m.document("aws_sagemaker_model_package_group_policy", r, nil)
	d.Body.Attrs["resource_policy"] = policyAttr("resource_policy", pol)
	d.Body.Attrs["model_package_group_name"] = link("model_package_group_name", r.LogicalID, r)
	return []*terraform.Resource{d}
}

// sageMakerPipeline keeps the role and the definition body; the provider
// takes the body as pipeline_definition.
func sageMakerPipeline(m mapping, r *cfn.Resource) []*terraform.Resource {
	d := m.document(m.tf, r, nil)
	if role := r.Properties.Get("RoleArn"); role != nil {
		d.Body.Attrs["role_arn"] = &terraform.Attr{Name: "role_arn", Value: toCty(role), Refs: role.AllRefs(), Range: role.Range}
	}
	if body := r.Properties.Get("PipelineDefinition").Get("PipelineDefinitionBody"); body != nil {
		d.Body.Attrs["pipeline_definition"] = policyAttr("pipeline_definition", body)
	}
	return []*terraform.Resource{d}
}

// monitoringJob translates a model monitor job definition onto the provider's
// one such resource, the data quality job definition: the kinds differ only
// in the names of their app specification and output config.
func monitoringJob(kind string) mapping {
	return mapping{tf: "aws_sagemaker_data_quality_job_definition", renames: map[string]string{
		kind + "AppSpecification": "data_quality_app_specification",
		kind + "JobOutputConfig":  "data_quality_job_output_config",
	}, maps: []string{kind + "AppSpecification.Environment"}}
}

// scheduleJob names the parts of a schedule's inline job definition.
var scheduleJob = mapping{tf: "aws_sagemaker_data_quality_job_definition", renames: map[string]string{
	"MonitoringResources": "job_resources", "MonitoringOutputConfig": "data_quality_job_output_config",
	"MonitoringAppSpecification": "data_quality_app_specification",
}, maps: []string{"Environment"}}

// monitoringSchedule is the job a schedule defines inline; a schedule that
// names a job definition adds nothing to check.
func monitoringSchedule(m mapping, r *cfn.Resource) []*terraform.Resource {
	job := r.Properties.Get("MonitoringScheduleConfig").Get("MonitoringJobDefinition")
	if job == nil {
		return nil
	}
	return []*terraform.Resource{scheduleJob.document(m.tf, r, job)}
}
