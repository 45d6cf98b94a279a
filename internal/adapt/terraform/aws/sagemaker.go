package aws

import (
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
		Name:                 str(b, "name", ""),
		DirectInternetAccess: str(b, "direct_internet_access", "Enabled"),
		RootAccess:           str(b, "root_access", "Enabled"),
		KMSKey:               ref(b, "kms_key_id"),
		Subnet:               ref(b, "subnet_id"),
		SecurityGroups:       refs(b, "security_groups"),
		Role:                 ref(b, "role_arn"),
		LifecycleConfig:      ref(b, "lifecycle_config_name"),
	}
	imds, unknown := first(b, "instance_metadata_service_configuration")
	switch {
	case imds != nil:
		n.MinimumIMDSVersion = str(imds, "minimum_instance_metadata_service_version", "1")
	default:
		n.MinimumIMDSVersion = model.String{Meta: model.Meta{Range: b.Range, Unknown: unknown}, Value: "1"}
	}
	a.m.NotebookInstances = append(a.m.NotebookInstances, n)
}

func (a *adapter) domain(d *terraform.Resource, res model.Resource) {
	b := d.Body
	dom := &aws.Domain{
		Resource:             res,
		Name:                 str(b, "domain_name", ""),
		AppNetworkAccessType: str(b, "app_network_access_type", "PublicInternetOnly"),
		KMSKey:               ref(b, "kms_key_id"),
		VPC:                  ref(b, "vpc_id"),
		Subnets:              refs(b, "subnet_ids"),
	}
	for _, typ := range []string{"default_user_settings", "default_space_settings"} {
		if s, _ := first(b, typ); s != nil {
			dom.ExecutionRoles = append(dom.ExecutionRoles, ref(s, "execution_role"))
			dom.SecurityGroups = append(dom.SecurityGroups, refs(s, "security_groups"))
		}
	}
	if ds, _ := first(b, "domain_settings"); ds != nil {
		dom.SecurityGroups = append(dom.SecurityGroups, refs(ds, "security_group_ids"))
	}
	if us, _ := first(b, "default_user_settings"); us != nil {
		dom.Sharing = sharing(us)
	}
	a.m.Domains = append(a.m.Domains, dom)
}

func (a *adapter) sagemakerModel(d *terraform.Resource, res model.Resource) {
	b := d.Body
	sm := &aws.SageMakerModel{
		Resource:         res,
		Name:             str(b, "name", ""),
		NetworkIsolation: boolean(b, "enable_network_isolation", false),
		ExecutionRole:    ref(b, "execution_role_arn"),
	}
	vpc, unknown := first(b, "vpc_config")
	sm.VPCConfigUnknown = unknown
	if vpc != nil {
		sm.VPCConfig = &aws.VPCConfig{Meta: blockMeta(vpc), Subnets: refs(vpc, "subnets"), SecurityGroups: refs(vpc, "security_group_ids")}
	}
	for _, typ := range []string{"primary_container", "container"} {
		for _, c := range b.Nested(typ) {
			sm.Containers = append(sm.Containers, aws.Container{
				Meta: blockMeta(c), Image: str(c, "image", ""), ModelDataURL: ref(c, "model_data_url"),
				Environment: stringMap(c, "environment"),
			})
		}
	}
	a.m.Models = append(a.m.Models, sm)
}

func (a *adapter) endpointConfig(d *terraform.Resource, res model.Resource) {
	b := d.Body
	ec := &aws.EndpointConfig{Resource: res, Name: str(b, "name", ""), KMSKey: ref(b, "kms_key_arn")}
	for _, typ := range []string{"production_variants", "shadow_production_variants"} {
		for _, v := range b.Nested(typ) {
			sl, _ := first(v, "serverless_config")
			ec.Variants = append(ec.Variants, aws.ProductionVariant{
				Meta: blockMeta(v), InstanceType: str(v, "instance_type", ""), Serverless: sl != nil,
				SSMAccess: boolean(v, "enable_ssm_access", false),
			})
		}
	}
	if dc, _ := first(b, "data_capture_config"); dc != nil {
		ec.DataCapture = &aws.DataCapture{
			Meta: blockMeta(dc), Enabled: boolean(dc, "enable_capture", true),
			Destination: ref(dc, "destination_s3_uri"), KMSKey: ref(dc, "kms_key_id"),
		}
	}
	if ai, _ := first(b, "async_inference_config"); ai != nil {
		if oc, _ := first(ai, "output_config"); oc != nil {
			ec.AsyncOutput = &aws.AsyncOutput{Meta: blockMeta(oc), KMSKey: ref(oc, "kms_key_id"), Output: ref(oc, "s3_output_path")}
		}
	}
	a.m.EndpointConfigs = append(a.m.EndpointConfigs, ec)
}
