package aws

import (
	"encoding/base64"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/pipeline"
)

// Provider and API defaults read here (hashicorp/aws 5.100.0; SageMaker and
// Bedrock API references):
//   aws_sagemaker_feature_group.online_store_config.enable_online_store: no default; the API treats absent as false
//   aws_sagemaker_feature_group.*.kms_key_id: absent -> an AWS owned or managed key
//   aws_sagemaker_workforce.source_ip_config: absent -> the portal accepts any IP address
//   aws_bedrockagent_agent.customer_encryption_key_arn: absent -> an AWS owned key
//   aws_bedrockagent_agent.guardrail_configuration: absent -> no guardrail
//   aws_bedrock_custom_model.custom_model_kms_key_id: absent -> an AWS owned key
//   aws_bedrock_custom_model.vpc_config: absent -> the job runs outside your VPCs
//   aws_bedrock_guardrail.kms_key_arn: absent -> an AWS owned key
//   aws_bedrock_model_invocation_logging_configuration.logging_config.text_data_delivery_enabled: true
//   aws_sagemaker_data_quality_job_definition.network_config.enable_network_isolation and
//   .enable_inter_container_traffic_encryption: false when absent; no vpc_config -> outside your
//   VPCs; job_resources.cluster_config.volume_kms_key_id and data_quality_job_output_config.kms_key_id:
//   absent -> an AWS managed key / the bucket's default encryption
//   pipeline steps (CreateTrainingJob, CreateProcessingJob, CreateTransformJob,
//   CreateHyperParameterTuningJob, CreateModel requests): EnableNetworkIsolation and
//   EnableInterContainerTrafficEncryption default false; no VpcConfig -> outside your
//   VPCs; no VolumeKmsKeyId -> an AWS managed key; no output KmsKeyId -> the bucket's
//   default encryption

func (a *adapter) lifecycleConfig(d *terraform.Resource, res model.Resource) {
	lc := &aws.LifecycleConfig{Resource: res, Name: tfattr.Str(d.Body, "name", "")}
	for _, hook := range []string{"on_create", "on_start"} {
		s := tfattr.Str(d.Body, hook, "")
		if !s.Explicit {
			continue
		}
		text := ""
		if s.Known() {
			if dec, err := base64.StdEncoding.DecodeString(s.Value); err == nil {
				text = string(dec)
			}
		}
		lc.Scripts = append(lc.Scripts, aws.Script{Meta: s.Meta, Hook: hook, Text: text})
	}
	a.m.LifecycleConfigs = append(a.m.LifecycleConfigs, lc)
}

func (a *adapter) codeRepository(d *terraform.Resource, res model.Resource) {
	gc, _ := tfattr.First(d.Body, "git_config")
	if gc == nil {
		gc = &terraform.Block{Range: res.Range, Unknown: true} // required by the provider; unknown if missing
	}
	a.m.CodeRepositories = append(a.m.CodeRepositories, &aws.CodeRepository{Resource: res, URL: tfattr.Str(gc, "repository_url", ""), Secret: tfattr.Ref(gc, "secret_arn")})
}

func (a *adapter) featureGroup(d *terraform.Resource, res model.Resource) {
	fg := &aws.FeatureGroup{Resource: res, Name: tfattr.Str(d.Body, "feature_group_name", "")}
	if on, _ := tfattr.First(d.Body, "online_store_config"); on != nil {
		sc, unknown := tfattr.First(on, "security_config")
		key := model.Ref{Meta: model.Meta{Range: on.Range, Unknown: on.Unknown || unknown}}
		if sc != nil {
			key = tfattr.Ref(sc, "kms_key_id")
		}
		fg.Online = &aws.OnlineStore{Meta: tfattr.BlockMeta(on), Enabled: tfattr.Bool(on, "enable_online_store", false), KMSKey: key}
	}
	if off, _ := tfattr.First(d.Body, "offline_store_config"); off != nil {
		s3, _ := tfattr.First(off, "s3_storage_config")
		if s3 == nil {
			s3 = &terraform.Block{Range: off.Range, Unknown: true} // required by the provider; unknown if missing
		}
		fg.Offline = &aws.OfflineStore{Meta: tfattr.BlockMeta(off), S3URI: tfattr.Ref(s3, "s3_uri"), KMSKey: tfattr.Ref(s3, "kms_key_id")}
	}
	a.m.FeatureGroups = append(a.m.FeatureGroups, fg)
}

func (a *adapter) workforce(d *terraform.Resource, res model.Resource) {
	b := d.Body
	if d.Format == terraform.FormatPlan {
		b = withoutComputed(b, []string{"source_ip_config"}) // computed: the API's empty list when not written
	}
	w := &aws.Workforce{Resource: res}
	if oidc, _ := tfattr.First(b, "oidc_config"); oidc != nil {
		w.ClientSecret = tfattr.Str(oidc, "client_secret", "")
	}
	if sic, unknown := tfattr.First(b, "source_ip_config"); sic != nil {
		r := tfattr.Refs(sic, "cidrs")
		w.SourceCIDRs = &r
	} else if unknown {
		w.SourceCIDRs = &model.Refs{Meta: model.Meta{Range: res.Range, Unknown: true}}
	}
	a.m.Workforces = append(a.m.Workforces, w)
}

func (a *adapter) modelPackageGroup(d *terraform.Resource, res model.Resource) {
	a.m.ModelPackageGroups = append(a.m.ModelPackageGroups, &aws.ModelPackageGroup{Resource: res, Name: tfattr.Str(d.Body, "model_package_group_name", "")})
}

func (a *adapter) endpoint(d *terraform.Resource, res model.Resource) {
	a.m.Endpoints = append(a.m.Endpoints, &aws.Endpoint{Resource: res, Name: tfattr.Str(d.Body, "name", ""), Config: tfattr.Ref(d.Body, "endpoint_config_name")})
}

func (a *adapter) modelPackageGroupPolicy(d *terraform.Resource, res model.Resource) {
	a.m.ModelPackageGroupPolicies = append(a.m.ModelPackageGroupPolicies, &aws.ModelPackageGroupPolicy{
		Resource: res, Group: tfattr.Ref(d.Body, "model_package_group_name"), Policy: document(d.Body, "resource_policy", "resource policy", res),
	})
}

func (a *adapter) agent(d *terraform.Resource, res model.Resource) {
	b := d.Body
	ag := &aws.Agent{Resource: res, KMSKey: tfattr.Ref(b, "customer_encryption_key_arn"), Role: tfattr.Ref(b, "agent_resource_role_arn")}
	gc, unknown := tfattr.First(b, "guardrail_configuration")
	switch {
	case gc != nil:
		ag.Guardrail = tfattr.Ref(gc, "guardrail_identifier")
	default:
		ag.Guardrail = model.Ref{Meta: model.Meta{Range: res.Range, Unknown: unknown}}
	}
	a.m.Agents = append(a.m.Agents, ag)
}

func (a *adapter) customModel(d *terraform.Resource, res model.Resource) {
	b := d.Body
	cm := &aws.CustomModel{Resource: res, Name: tfattr.Str(b, "custom_model_name", ""), KMSKey: tfattr.Ref(b, "custom_model_kms_key_id"), Role: tfattr.Ref(b, "role_arn")}
	if vpc, _ := tfattr.First(b, "vpc_config"); vpc != nil {
		cm.VPCConfig = &aws.VPCConfig{Meta: tfattr.BlockMeta(vpc), Subnets: tfattr.Refs(vpc, "subnet_ids"), SecurityGroups: tfattr.Refs(vpc, "security_group_ids")}
	} else if b.NestedUnknown("vpc_config") {
		cm.VPCConfig = &aws.VPCConfig{Meta: model.Meta{Range: res.Range, Unknown: true}}
	}
	a.m.CustomModels = append(a.m.CustomModels, cm)
}

func (a *adapter) guardrail(d *terraform.Resource, res model.Resource) {
	b := d.Body
	g := &aws.Guardrail{Resource: res, KMSKey: tfattr.Ref(b, "kms_key_arn")}
	cp, unknown := tfattr.First(b, "content_policy_config")
	g.FiltersUnknown = unknown || cp.NestedUnknown("filters_config")
	for _, f := range cp.Nested("filters_config") {
		g.FiltersUnknown = g.FiltersUnknown || f.Unknown
		g.Filters = append(g.Filters, aws.ContentFilter{Meta: tfattr.BlockMeta(f), Type: tfattr.Str(f, "type", ""), InputStrength: tfattr.Str(f, "input_strength", "")})
	}
	a.m.Guardrails = append(a.m.Guardrails, g)
}

// pipeline reads the pipeline definition JSON. A definition kept in S3
// (pipeline_definition_s3_location) cannot be read offline and yields no steps.
func (a *adapter) pipeline(d *terraform.Resource, res model.Resource) {
	p := &aws.Pipeline{Resource: res, Role: tfattr.Ref(d.Body, "role_arn")}
	def := tfattr.Ref(d.Body, "pipeline_definition")
	p.Definition = def.Meta
	if len(def.Targets) > 0 {
		p.Locations = append(p.Locations, model.Ref{Meta: def.Meta, Targets: def.Targets})
	}
	if def.Explicit && def.Known() {
		parsed, err := pipeline.Parse([]byte(def.Value))
		if err != nil {
			p.DefinitionError = err.Error()
		} else {
			p.Steps = parsed.Steps
			for _, u := range parsed.S3URIs {
				p.Locations = append(p.Locations, model.Ref{Meta: def.Meta, Value: u})
			}
		}
	}
	a.m.Pipelines = append(a.m.Pipelines, p)
}

// monitoringJob reads a model monitor job definition. CloudFormation's model
// quality, bias and explainability definitions and a schedule's inline job
// arrive here translated onto the data quality definition's names.
func (a *adapter) monitoringJob(d *terraform.Resource, res model.Resource) {
	b := d.Body
	net, netWritten := tfattr.Within(b, "network_config")
	vpc, inVPC := tfattr.Within(net, "vpc_config")
	cluster, _ := tfattr.Within(b, "job_resources", "cluster_config")
	out, _ := tfattr.Within(b, "data_quality_job_output_config")
	app, _ := tfattr.Within(b, "data_quality_app_specification")
	env := tfattr.StringMap(app, "environment")
	if top := tfattr.StringMap(b, "environment"); top.Explicit { // a schedule's inline job
		env = top
	}
	a.m.MonitoringJobs = append(a.m.MonitoringJobs, &aws.MonitoringJob{
		Resource:         res,
		NetworkIsolation: tfattr.Bool(net, "enable_network_isolation", false),
		InterContainer:   tfattr.Bool(net, "enable_inter_container_traffic_encryption", false),
		Network:          model.Meta{Range: net.Range, Explicit: netWritten, Unknown: net.Unknown},
		InVPC:            model.Bool{Meta: model.Meta{Range: vpc.Range, Explicit: inVPC, Unknown: vpc.Unknown}, Value: inVPC},
		InstanceCount:    tfattr.Int(cluster, "instance_count", 0),
		InstanceType:     tfattr.Str(cluster, "instance_type", ""),
		Cluster:          tfattr.BlockMeta(cluster),
		VolumeKMS:        tfattr.Ref(cluster, "volume_kms_key_id"),
		Output:           tfattr.BlockMeta(out),
		OutputKMS:        tfattr.Ref(out, "kms_key_id"),
		Environment:      env,
	})
}

// sharing reads sharing_settings of a settings block.
func sharing(settings *terraform.Block) *aws.Sharing {
	sh, _ := tfattr.First(settings, "sharing_settings")
	if sh == nil {
		return nil
	}
	return &aws.Sharing{Meta: tfattr.BlockMeta(sh), OutputOption: tfattr.Str(sh, "notebook_output_option", "Disabled"), KMSKey: tfattr.Ref(sh, "s3_kms_key_id")}
}

func (a *adapter) userProfile(d *terraform.Resource, res model.Resource) {
	up := &aws.UserProfile{Resource: res}
	if us, _ := tfattr.First(d.Body, "user_settings"); us != nil {
		up.ExecutionRole, up.Sharing, up.SecurityGroups = tfattr.Ref(us, "execution_role"), sharing(us), tfattr.Refs(us, "security_groups")
	}
	a.m.UserProfiles = append(a.m.UserProfiles, up)
}

func (a *adapter) dataSource(d *terraform.Resource, res model.Resource) {
	sse, _ := tfattr.Within(d.Body, "server_side_encryption_configuration")
	a.m.DataSources = append(a.m.DataSources, &aws.DataSource{Resource: res, KMSKey: tfattr.Ref(sse, "kms_key_arn")})
}

func (a *adapter) flowDefinition(d *terraform.Resource, res model.Resource) {
	b := d.Body
	hl, _ := tfattr.Within(b, "human_loop_config")
	out, _ := tfattr.Within(b, "output_config")
	a.m.FlowDefinitions = append(a.m.FlowDefinitions, &aws.FlowDefinition{
		Resource: res, Role: tfattr.Ref(b, "role_arn"), Workteam: tfattr.Ref(hl, "workteam_arn"),
		Output: tfattr.BlockMeta(out), OutputKMS: tfattr.Ref(out, "kms_key_id"), OutputURI: tfattr.Ref(out, "s3_output_path"),
	})
}

func (a *adapter) mlflowServer(d *terraform.Resource, res model.Resource) {
	a.m.MLflowServers = append(a.m.MLflowServers, &aws.MLflowServer{Resource: res, Role: tfattr.Ref(d.Body, "role_arn"), ArtifactStore: tfattr.Ref(d.Body, "artifact_store_uri")})
}

// hyperPodCluster reads a HyperPod cluster, as translated from
// AWS::SageMaker::Cluster (a CloudFormation template or awscc).
func (a *adapter) hyperPodCluster(d *terraform.Resource, res model.Resource) {
	b := d.Body
	c := &aws.HyperPodCluster{Resource: res}
	c.VPC = inSubnets(b, "vpc_config", "subnets")
	for _, g := range b.Nested("instance_group") {
		lc, _ := tfattr.Within(g, "lifecycle_config")
		c.Groups = append(c.Groups, aws.HyperPodGroup{Meta: tfattr.BlockMeta(g), Name: tfattr.Str(g, "name", "").Value,
			Role: tfattr.Ref(g, "execution_role"), Lifecycle: tfattr.Ref(lc, "source_s3_uri"), OwnVPC: inSubnets(g, "override_vpc_config", "subnets")})
	}
	a.m.HyperPodClusters = append(a.m.HyperPodClusters, c)
}

// inSubnets reads a VPC configuration block (typ, its subnets in attr) as
// whether it places the resource in subnets: false when the block is
// absent, unknown when its presence or its subnets are.
func inSubnets(b *terraform.Block, typ, attr string) model.Bool {
	vpc, unknown := tfattr.First(b, typ)
	if vpc == nil {
		return model.Bool{Meta: model.Meta{Range: b.Range, Unknown: unknown}}
	}
	subnets := tfattr.Refs(vpc, attr)
	return model.Bool{Meta: model.Meta{Range: vpc.Range, Explicit: true, Unknown: vpc.Unknown || subnets.Unknown && len(subnets.Items) == 0},
		Value: !subnets.Absent()}
}

func (a *adapter) invocationLogging(d *terraform.Resource, res model.Resource) {
	lc, _ := tfattr.Within(d.Body, "logging_config")
	il := &aws.InvocationLogging{Resource: res, TextDelivery: tfattr.Bool(lc, "text_data_delivery_enabled", true)}
	if s3, ok := tfattr.Within(lc, "s3_config"); ok {
		il.Buckets = append(il.Buckets, tfattr.Ref(s3, "bucket_name"))
	}
	cw, _ := tfattr.Within(lc, "cloudwatch_config")
	il.LogGroup = tfattr.Ref(cw, "log_group_name")
	if large, ok := tfattr.Within(cw, "large_data_delivery_s3_config"); ok {
		il.Buckets = append(il.Buckets, tfattr.Ref(large, "bucket_name"))
	}
	a.m.InvocationLogging = append(a.m.InvocationLogging, il)
}
