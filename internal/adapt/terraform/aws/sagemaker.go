package aws

import (
	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// Provider defaults (hashicorp/aws 5.100.0, confirmed in the provider source;
// the schema JSON does not carry defaults):
//   aws_sagemaker_notebook_instance.direct_internet_access  Default "Enabled"
//   aws_sagemaker_notebook_instance.root_access             Default "Enabled"
//   instance_metadata_service_configuration.minimum_instance_metadata_service_version:
//     no provider default; CreateNotebookInstance defaults to "1" (IMDSv1 and v2)
//   aws_sagemaker_domain.app_network_access_type            Default "PublicInternetOnly"
//   aws_sagemaker_model.enable_network_isolation            no default; the API treats absent as false
//   data_capture_config.enable_capture                      no default; the API treats absent as true

func (a *adapter) notebook(d *terraform.Resource, res model.Resource) {
	b := d.Body
	n := &aws.NotebookInstance{
		Resource:             res,
		Name:                 tfattr.Str(b, "name", ""),
		DirectInternetAccess: tfattr.Str(b, "direct_internet_access", "Enabled"),
		RootAccess:           tfattr.Str(b, "root_access", "Enabled"),
		KMSKey:               tfattr.Ref(b, "kms_key_id"),
		Subnet:               tfattr.Ref(b, "subnet_id"),
		SecurityGroups:       tfattr.Refs(b, "security_groups"),
		Role:                 tfattr.Ref(b, "role_arn"),
		LifecycleConfig:      tfattr.Ref(b, "lifecycle_config_name"),
	}
	imds, unknown := tfattr.First(b, "instance_metadata_service_configuration")
	switch {
	case imds != nil:
		n.MinimumIMDSVersion = tfattr.Str(imds, "minimum_instance_metadata_service_version", "1")
	default:
		n.MinimumIMDSVersion = model.String{Meta: model.Meta{Range: b.Range, Unknown: unknown}, Value: "1"}
	}
	a.m.NotebookInstances = append(a.m.NotebookInstances, n)
}

func (a *adapter) domain(d *terraform.Resource, res model.Resource) {
	b := d.Body
	dom := &aws.Domain{
		Resource:             res,
		Name:                 tfattr.Str(b, "domain_name", ""),
		AppNetworkAccessType: tfattr.Str(b, "app_network_access_type", "PublicInternetOnly"),
		KMSKey:               tfattr.Ref(b, "kms_key_id"),
		VPC:                  tfattr.Ref(b, "vpc_id"),
		Subnets:              tfattr.Refs(b, "subnet_ids"),
	}
	for _, typ := range []string{"default_user_settings", "default_space_settings"} {
		if s, _ := tfattr.First(b, typ); s != nil {
			dom.ExecutionRoles = append(dom.ExecutionRoles, tfattr.Ref(s, "execution_role"))
			dom.SecurityGroups = append(dom.SecurityGroups, tfattr.Refs(s, "security_groups"))
		}
	}
	if ds, _ := tfattr.First(b, "domain_settings"); ds != nil {
		dom.SecurityGroups = append(dom.SecurityGroups, tfattr.Refs(ds, "security_group_ids"))
	}
	if us, _ := tfattr.First(b, "default_user_settings"); us != nil {
		dom.Sharing = sharing(us)
	}
	a.m.Domains = append(a.m.Domains, dom)
}

func (a *adapter) sagemakerModel(d *terraform.Resource, res model.Resource) {
	b := d.Body
	sm := &aws.SageMakerModel{
		Resource:         res,
		Name:             tfattr.Str(b, "name", ""),
		NetworkIsolation: tfattr.Bool(b, "enable_network_isolation", false),
		ExecutionRole:    tfattr.Ref(b, "execution_role_arn"),
	}
	vpc, unknown := tfattr.First(b, "vpc_config")
	sm.VPCConfigUnknown = unknown
	if vpc != nil {
		sm.VPCConfig = &aws.VPCConfig{Meta: tfattr.BlockMeta(vpc), Subnets: tfattr.Refs(vpc, "subnets"), SecurityGroups: tfattr.Refs(vpc, "security_group_ids")}
	}
	for _, typ := range []string{"primary_container", "container"} {
		for _, c := range b.Nested(typ) {
			sm.Containers = append(sm.Containers, aws.Container{
				Meta: tfattr.BlockMeta(c), Image: tfattr.Str(c, "image", ""), ModelDataURL: tfattr.Ref(c, "model_data_url"),
				Environment: tfattr.StringMap(c, "environment"),
			})
		}
	}
	a.m.Models = append(a.m.Models, sm)
}

func (a *adapter) endpointConfig(d *terraform.Resource, res model.Resource) {
	b := d.Body
	ec := &aws.EndpointConfig{Resource: res, Name: tfattr.Str(b, "name", ""), KMSKey: tfattr.Ref(b, "kms_key_arn")}
	for _, typ := range []string{"production_variants", "shadow_production_variants"} {
		for _, v := range b.Nested(typ) {
			sl, _ := tfattr.First(v, "serverless_config")
			pv := aws.ProductionVariant{
				Meta: tfattr.BlockMeta(v), InstanceType: tfattr.Str(v, "instance_type", ""), Serverless: sl != nil,
				SSMAccess: tfattr.Bool(v, "enable_ssm_access", false), Shadow: typ == "shadow_production_variants",
			}
			if cd, _ := tfattr.First(v, "core_dump_config"); cd != nil {
				pv.CoreDump = &aws.CoreDump{Meta: tfattr.BlockMeta(cd), Destination: tfattr.Ref(cd, "destination_s3_uri"), KMSKey: tfattr.Ref(cd, "kms_key_id")}
			}
			ec.Variants = append(ec.Variants, pv)
		}
	}
	if dc, _ := tfattr.First(b, "data_capture_config"); dc != nil {
		ec.DataCapture = &aws.DataCapture{
			Meta: tfattr.BlockMeta(dc), Enabled: tfattr.Bool(dc, "enable_capture", true),
			Destination: tfattr.Ref(dc, "destination_s3_uri"), KMSKey: tfattr.Ref(dc, "kms_key_id"),
		}
	}
	if ai, _ := tfattr.First(b, "async_inference_config"); ai != nil {
		if oc, _ := tfattr.First(ai, "output_config"); oc != nil {
			ec.AsyncOutput = &aws.AsyncOutput{Meta: tfattr.BlockMeta(oc), KMSKey: tfattr.Ref(oc, "kms_key_id"), Output: tfattr.Ref(oc, "s3_output_path")}
			if nc, _ := tfattr.First(oc, "notification_config"); nc != nil {
				for _, t := range []string{"success_topic", "error_topic"} {
					if r := tfattr.Ref(nc, t); r.IsSet() || !r.Known() {
						ec.AsyncOutput.Topics = append(ec.AsyncOutput.Topics, r)
					}
				}
				for _, it := range tfattr.Refs(nc, "include_inference_response_in").Items {
					ec.AsyncOutput.WithResponse = append(ec.AsyncOutput.WithResponse, model.String{Meta: it.Meta, Value: it.Value})
				}
			}
		}
	}
	a.m.EndpointConfigs = append(a.m.EndpointConfigs, ec)
}
