// Package aws adapts Terraform resource documents (from HCL or plan JSON) into
// the typed AWS model. It owns the provider defaults: an attribute that is not
// written takes the value the AWS provider (or, where the provider sets none,
// the AWS API) gives it, and the model records that it is a default.
package aws

import (
	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"sort"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// adapter builds one model; each resource type has an adapt function, and
// links between resources are resolved once all are built.
type adapter struct {
	m            *aws.Model
	attachments  []attachment
	inline       []inlinePolicy
	routes       []looseRoute
	mains        []mainAssociation
	parts        []bucketPart
	repoPolicies []repoPolicy
	sgRules      []looseIngress
	// secretPolicies are aws_secretsmanager_secret_policy resources, linked
	// to their secrets like repository policies to repositories.
	secretPolicies []repoPolicy
	// policyAttachments are the separate policies of topics, queues and
	// search domains (aws_sns_topic_policy, ...), linked once all are read.
	policyAttachments []policyAttachment
	orgAttachments    []orgAttachment
}

type attachment struct {
	roles, users, groups []model.Ref
	policy               model.Ref
	source               model.Resource
}

type inlinePolicy struct {
	role, user, group model.Ref
	doc               aws.PolicyDocument
}

type looseRoute struct {
	table model.Ref
	route aws.Route
}

type mainAssociation struct {
	vpc, table model.Ref
}

var adapters = map[string]func(*adapter, *terraform.Resource, model.Resource){
	"aws_sagemaker_notebook_instance":                    (*adapter).notebook,
	"aws_sagemaker_domain":                               (*adapter).domain,
	"aws_sagemaker_model":                                (*adapter).sagemakerModel,
	"aws_sagemaker_endpoint_configuration":               (*adapter).endpointConfig,
	"aws_iam_role":                                       (*adapter).role,
	"aws_iam_policy":                                     (*adapter).policy,
	"aws_organizations_policy":                           (*adapter).orgPolicy,
	"aws_opensearchserverless_security_policy":           (*adapter).serverlessPolicy,
	"aws_opensearchserverless_access_policy":             (*adapter).serverlessPolicy,
	"aws_organizations_policy_attachment":                (*adapter).orgPolicyAttachment,
	"aws_iam_role_policy_attachment":                     (*adapter).rolePolicyAttachment,
	"aws_iam_policy_attachment":                          (*adapter).policyAttachment,
	"aws_iam_role_policy_attachments_exclusive":          (*adapter).exclusiveAttachments,
	"aws_iam_role_policy":                                (*adapter).rolePolicy,
	"aws_iam_user":                                       (*adapter).user,
	"aws_iam_group":                                      (*adapter).group,
	"aws_iam_user_policy":                                (*adapter).userPolicy,
	"aws_iam_group_policy":                               (*adapter).groupPolicy,
	"aws_iam_user_policy_attachment":                     (*adapter).userPolicyAttachment,
	"aws_iam_group_policy_attachment":                    (*adapter).groupPolicyAttachment,
	"aws_vpc":                                            (*adapter).vpc,
	"aws_subnet":                                         (*adapter).subnet,
	"aws_route_table":                                    (*adapter).routeTable,
	"aws_default_route_table":                            (*adapter).defaultRouteTable,
	"aws_main_route_table_association":                   (*adapter).mainAssociation,
	"aws_route":                                          (*adapter).route,
	"aws_route_table_association":                        (*adapter).association,
	"aws_internet_gateway":                               (*adapter).internetGateway,
	"aws_kms_key":                                        (*adapter).kmsKey,
	"aws_s3_bucket":                                      (*adapter).bucket,
	"aws_s3_bucket_server_side_encryption_configuration": (*adapter).bucketEncryption,
	"aws_s3_bucket_public_access_block":                  (*adapter).publicAccessBlock,
	"aws_s3_bucket_policy":                               (*adapter).bucketPolicy,
	"aws_s3_bucket_versioning":                           (*adapter).bucketVersioning,
	"aws_s3_bucket_acl":                                  (*adapter).bucketACL,
	"aws_s3_bucket_logging":                              (*adapter).bucketLogging,
	"aws_sagemaker_user_profile":                         (*adapter).userProfile,
	"aws_bedrockagent_data_source":                       (*adapter).dataSource,
	"aws_secretsmanager_secret_policy":                   (*adapter).secretPolicy,
	"aws_sagemaker_flow_definition":                      (*adapter).flowDefinition,
	"aws_sagemaker_mlflow_tracking_server":               (*adapter).mlflowServer,
	"aws_bedrock_model_invocation_logging_configuration": (*adapter).invocationLogging,
	"aws_ecr_repository":                                 (*adapter).ecrRepository,
	"aws_ecr_repository_policy":                          (*adapter).ecrPolicy,
	"aws_ecr_registry_scanning_configuration":            (*adapter).registryScanning,
	"aws_cloudwatch_log_group":                           (*adapter).logGroup,
	"aws_secretsmanager_secret":                          (*adapter).secret,
	"aws_sns_topic":                                      (*adapter).topic,
	"aws_sns_topic_policy":                               (*adapter).topicPolicy,
	// Not a hashicorp/aws type: what AWS::SageMaker::Cluster translates to.
	"aws_sagemaker_cluster":                                   (*adapter).hyperPodCluster,
	"aws_sqs_queue":                                           (*adapter).queue,
	"aws_sqs_queue_policy":                                    (*adapter).queuePolicy,
	"aws_opensearch_domain":                                   (*adapter).searchDomain,
	"aws_elasticsearch_domain":                                (*adapter).searchDomain,
	"aws_opensearch_domain_policy":                            (*adapter).domainPolicy,
	"aws_elasticsearch_domain_policy":                         (*adapter).domainPolicy,
	"aws_security_group":                                      (*adapter).securityGroup,
	"aws_security_group_rule":                                 (*adapter).securityGroupRule,
	"aws_vpc_security_group_ingress_rule":                     (*adapter).ingressRule,
	"aws_sagemaker_notebook_instance_lifecycle_configuration": (*adapter).lifecycleConfig,
	"aws_sagemaker_code_repository":                           (*adapter).codeRepository,
	"aws_sagemaker_feature_group":                             (*adapter).featureGroup,
	"aws_sagemaker_workforce":                                 (*adapter).workforce,
	"aws_sagemaker_model_package_group_policy":                (*adapter).modelPackageGroupPolicy,
	"aws_sagemaker_model_package_group":                       (*adapter).modelPackageGroup,
	"aws_sagemaker_endpoint":                                  (*adapter).endpoint,
	"aws_bedrockagent_agent":                                  (*adapter).agent,
	"aws_bedrockagent_agent_action_group":                     (*adapter).actionGroup,
	"aws_bedrock_custom_model":                                (*adapter).customModel,
	"aws_bedrock_guardrail":                                   (*adapter).guardrail,
	"aws_sagemaker_pipeline":                                  (*adapter).pipeline,
	"aws_sagemaker_data_quality_job_definition":               (*adapter).monitoringJob,
	"aws_cloudtrail":                                          (*adapter).trail,
	"aws_vpc_endpoint":                                        (*adapter).vpcEndpoint,
	"aws_ecs_task_definition":                                 (*adapter).taskDefinition,
	"aws_lambda_function":                                     (*adapter).function,
}

// Adapt builds the AWS model from resource documents. Data sources are not
// resources of the configuration and are skipped.
func Adapt(docs []*terraform.Resource) *aws.Model { return AdaptAs(docs, resourceOf) }

// AdaptAs is Adapt for documents translated from another format onto the
// provider's resource types and attribute names (CloudFormation): identity
// gives the resource each document stands for in the model, so findings name
// the original resource and type while defaults and links are read once.
func AdaptAs(docs []*terraform.Resource, identity func(*terraform.Resource) model.Resource) *aws.Model {
	a := &adapter{m: &aws.Model{}}
	for _, d := range docs {
		if d.Mode != "managed" {
			continue
		}
		if f, ok := adapters[d.Type]; ok {
			f(a, d, identity(d))
		}
	}
	a.m.Index()
	a.link()
	return a.m
}

func resourceOf(d *terraform.Resource) model.Resource {
	return model.Resource{Address: d.Address, Type: d.Type, Range: d.Range, Format: d.Format, Tags: knownTags(d.Body)}
}

// knownTags are the tags of a resource whose values are known.
func knownTags(b *terraform.Block) map[string]string {
	if b == nil || b.Attr("tags") == nil {
		return nil
	}
	var out map[string]string
	for k, v := range tfattr.StringMap(b, "tags").Values {
		if v.Known() {
			if out == nil {
				out = map[string]string{}
			}
			out[k] = v.Value
		}
	}
	return out
}

func sortedUnique(in []string) []string {
	sort.Strings(in)
	out := in[:0]
	for i, s := range in {
		if i == 0 || s != in[i-1] {
			out = append(out, s)
		}
	}
	return out
}
