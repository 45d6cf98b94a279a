// Package gcp adapts Terraform resource documents (HCL or plan JSON) of the
// google and google-beta providers into the typed Google Cloud model, with
// the provider's defaults for attributes that are not written.
package gcp

import (
	"strings"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

type adapter struct{ m *gcp.Model }

var adapters = map[string]func(*adapter, *terraform.Block, model.Resource){
	"google_workbench_instance":                              (*adapter).workbench,
	"google_notebooks_instance":                              (*adapter).legacyNotebook,
	"google_notebooks_runtime":                               (*adapter).runtime,
	"google_vertex_ai_endpoint":                              (*adapter).endpoint,
	"google_vertex_ai_index_endpoint":                        (*adapter).endpoint,
	"google_vertex_ai_dataset":                               (*adapter).encrypted,
	"google_vertex_ai_featurestore":                          (*adapter).encrypted,
	"google_vertex_ai_feature_online_store":                  (*adapter).onlineStore,
	"google_vertex_ai_index":                                 (*adapter).encrypted,
	"google_vertex_ai_metadata_store":                        (*adapter).encrypted,
	"google_vertex_ai_tensorboard":                           (*adapter).encrypted,
	"google_vertex_ai_reasoning_engine":                      (*adapter).reasoningEngine,
	"google_vertex_ai_endpoint_with_model_garden_deployment": (*adapter).garden,
	"google_storage_bucket":                                  (*adapter).bucket,
	"google_kms_crypto_key":                                  (*adapter).cryptoKey,
	"google_service_account_key":                             (*adapter).serviceAccountKey,
	"google_access_context_manager_service_perimeter":        (*adapter).perimeter,
	"google_artifact_registry_repository":                    (*adapter).repository,
	"google_project_iam_audit_config":                        (*adapter).auditConfig,
	"google_folder_iam_audit_config":                         (*adapter).auditConfig,
	"google_organization_iam_audit_config":                   (*adapter).auditConfig,
}

// Adapt builds the Google Cloud model from resource documents.
func Adapt(docs []*terraform.Resource) *gcp.Model {
	a := &adapter{m: &gcp.Model{}}
	for _, d := range docs {
		// The AWS adapter reads the same documents; skip its types early.
		if d.Mode != "managed" || !strings.HasPrefix(d.Type, "google_") {
			continue
		}
		res := model.Resource{Address: d.Address, Type: d.Type, Range: d.Range, Format: d.Format}
		if f, ok := adapters[d.Type]; ok {
			f(a, d.Body, res)
		} else if g, ok := grantOf(d.Type); ok {
			a.grant(d.Body, res, g)
		}
	}
	return a.m
}

// Provider defaults (hashicorp/google 6.x and 7.x documentation):
//   google_workbench_instance.gce_setup.disable_public_ip       false: an ephemeral external IP
//   gce_setup.shielded_instance_config.enable_secure_boot       false
//   gce_setup.shielded_instance_config.enable_vtpm              true
//   gce_setup.shielded_instance_config.enable_integrity_monitoring true
//   gce_setup.service_accounts                                  absent: the Compute Engine default service account
//   gce_setup.boot_disk/data_disks.disk_encryption              GMEK
//   gce_setup.container_image.tag                               absent: latest
//   google_notebooks_instance.no_public_ip                      false
//   google_notebooks_runtime ... virtual_machine_config.internal_ip_only false
//   google_storage_bucket.uniform_bucket_level_access           false
//   google_storage_bucket.public_access_prevention              "inherited"
//   google_vertex_ai_index_endpoint.public_endpoint_enabled     false
//   Workbench metadata notebook-disable-root/-downloads/-terminal: absent, so root, downloads and the terminal are on

func (a *adapter) workbench(b *terraform.Block, res model.Resource) {
	gce, _ := tfattr.Within(b, "gce_setup")
	nb := &gcp.Notebook{Resource: res}
	pub := tfattr.Bool(gce, "disable_public_ip", false)
	nb.PublicIP = model.Bool{Meta: pub.Meta, Value: !pub.Value}
	for _, typ := range []string{"boot_disk", "data_disks"} {
		d, _ := tfattr.Within(gce, typ)
		nb.Disks = append(nb.Disks, gcp.Disk{Name: typ, Encryption: tfattr.Str(d, "disk_encryption", "GMEK"), KMSKey: tfattr.Ref(d, "kms_key")})
	}
	shielded(nb, gce, "shielded_instance_config")
	sa, written := tfattr.Within(gce, "service_accounts")
	nb.ServiceAccount = tfattr.Str(sa, "email", "")
	if !written {
		nb.ServiceAccount.Explicit = false
	}
	a.metadata(nb, gce)
	nb.IPForwarding = tfattr.Bool(gce, "enable_ip_forwarding", false)
	if img, ok := tfattr.Within(gce, "container_image"); ok {
		nb.ContainerImage = true
		nb.ImageTag = tfattr.Str(img, "tag", "latest")
	}
	a.m.Notebooks = append(a.m.Notebooks, nb)
}

func (a *adapter) legacyNotebook(b *terraform.Block, res model.Resource) {
	nb := &gcp.Notebook{Resource: res}
	pub := tfattr.Bool(b, "no_public_ip", false)
	nb.PublicIP = model.Bool{Meta: pub.Meta, Value: !pub.Value}
	nb.Disks = []gcp.Disk{{Name: "boot and data disks", Encryption: tfattr.Str(b, "disk_encryption", "GMEK"), KMSKey: tfattr.Ref(b, "kms_key")}}
	shielded(nb, b, "shielded_instance_config")
	nb.ServiceAccount = tfattr.Str(b, "service_account", "")
	a.metadata(nb, b)
	if img, ok := tfattr.Within(b, "container_image"); ok {
		nb.ContainerImage = true
		nb.ImageTag = tfattr.Str(img, "tag", "latest")
	}
	a.m.Notebooks = append(a.m.Notebooks, nb)
}

func (a *adapter) runtime(b *terraform.Block, res model.Resource) {
	cfg, _ := tfattr.Within(b, "virtual_machine", "virtual_machine_config")
	nb := &gcp.Notebook{Resource: res}
	internal := tfattr.Bool(cfg, "internal_ip_only", false)
	nb.PublicIP = model.Bool{Meta: internal.Meta, Value: !internal.Value}
	enc, _ := tfattr.Within(cfg, "encryption_config")
	key := tfattr.Ref(enc, "kms_key")
	encryption := model.String{Meta: key.Meta, Value: "GMEK"}
	if key.IsSet() || !key.Known() {
		encryption = model.String{Meta: key.Meta, Value: "CMEK"}
	}
	nb.Disks = []gcp.Disk{{Name: "data disk", Encryption: encryption, KMSKey: key}}
	shielded(nb, cfg, "shielded_instance_config")
	// A runtime runs as its owner or the default account, set elsewhere
	// (access_config); its service account is not judged here.
	nb.ServiceAccount = model.String{Meta: model.Meta{Range: b.Range, Unknown: true}}
	a.metadata(nb, cfg)
	a.m.Notebooks = append(a.m.Notebooks, nb)
}

func shielded(nb *gcp.Notebook, b *terraform.Block, typ string) {
	s, _ := tfattr.Within(b, typ)
	nb.SecureBoot = tfattr.Bool(s, "enable_secure_boot", false)
	nb.VTPM = tfattr.Bool(s, "enable_vtpm", true)
	nb.IntegrityMonitoring = tfattr.Bool(s, "enable_integrity_monitoring", true)
}

func (a *adapter) metadata(nb *gcp.Notebook, b *terraform.Block) {
	md := tfattr.StringMap(b, "metadata")
	nb.Metadata, nb.MetadataMeta = md.Values, md.Meta
}

// encryptionKey reads encryption_spec.kms_key_name.
func encryptionKey(b *terraform.Block) model.Ref {
	spec, _ := tfattr.Within(b, "encryption_spec")
	return tfattr.Ref(spec, "kms_key_name")
}

func (a *adapter) endpoint(b *terraform.Block, res model.Resource) {
	psc, _ := tfattr.Within(b, "private_service_connect_config")
	a.m.Endpoints = append(a.m.Endpoints, &gcp.Endpoint{
		Resource:       res,
		Network:        tfattr.Ref(b, "network"),
		PSC:            tfattr.Bool(psc, "enable_private_service_connect", false),
		PublicEndpoint: tfattr.Bool(b, "public_endpoint_enabled", false),
		KMSKey:         encryptionKey(b),
	})
}

func (a *adapter) encrypted(b *terraform.Block, res model.Resource) {
	a.m.Encrypted = append(a.m.Encrypted, &gcp.Encrypted{Resource: res, KMSKey: encryptionKey(b)})
}

// onlineStore reads a feature online store: Bigtable stores are served on
// the regional API; optimized stores on a dedicated endpoint, public unless
// it uses Private Service Connect.
func (a *adapter) onlineStore(b *terraform.Block, res model.Resource) {
	e := &gcp.Encrypted{Resource: res, KMSKey: encryptionKey(b)}
	if _, optimized := tfattr.Within(b, "optimized"); optimized {
		psc, _ := tfattr.Within(b, "dedicated_serving_endpoint", "private_service_connect_config")
		on := tfattr.Bool(psc, "enable_private_service_connect", false)
		e.DedicatedPublic = model.Bool{Meta: on.Meta, Value: !on.Value}
	} else {
		e.DedicatedPublic = model.Bool{Meta: model.Meta{Range: b.Range}}
	}
	a.m.Encrypted = append(a.m.Encrypted, e)
}

func (a *adapter) reasoningEngine(b *terraform.Block, res model.Resource) {
	a.encrypted(b, res)
	dep, _ := tfattr.Within(b, "spec", "deployment_spec")
	env := model.StringMap{Meta: tfattr.BlockMeta(dep), Values: map[string]model.String{}}
	for _, e := range dep.Nested("env") {
		name := tfattr.Str(e, "name", "")
		if name.Known() && name.Value != "" {
			env.Values[name.Value] = tfattr.Str(e, "value", "")
		}
	}
	a.m.ReasoningEngines = append(a.m.ReasoningEngines, &gcp.ReasoningEngine{Resource: res, Env: env})
}

func (a *adapter) garden(b *terraform.Block, res model.Resource) {
	mc, _ := tfattr.Within(b, "model_config")
	a.m.GardenDeployments = append(a.m.GardenDeployments, &gcp.GardenDeployment{Resource: res,
		HuggingFaceToken: tfattr.Str(mc, "hugging_face_access_token", "")})
}

func (a *adapter) bucket(b *terraform.Block, res model.Resource) {
	enc, _ := tfattr.Within(b, "encryption")
	ver, _ := tfattr.Within(b, "versioning")
	a.m.Buckets = append(a.m.Buckets, &gcp.Bucket{
		Resource:               res,
		Name:                   tfattr.Str(b, "name", ""),
		UniformAccess:          tfattr.Bool(b, "uniform_bucket_level_access", false),
		PublicAccessPrevention: tfattr.Str(b, "public_access_prevention", "inherited"),
		KMSKey:                 tfattr.Ref(enc, "default_kms_key_name"),
		Versioning:             tfattr.Bool(ver, "enabled", false),
		Logging:                logging(b),
	})
}

// logging reads whether a bucket writes usage and storage logs: a logging
// block (log_bucket is required in it).
func logging(b *terraform.Block) model.Bool {
	l, unknown := tfattr.First(b, "logging")
	switch {
	case l != nil:
		return model.Bool{Meta: tfattr.BlockMeta(l), Value: true}
	case unknown:
		return model.Bool{Meta: model.Meta{Range: b.Range, Unknown: true}}
	}
	return model.Bool{Meta: model.Meta{Range: b.Range}}
}

// auditConfig reads which Data Access audit logs a project, folder or
// organization turns on for a service.
func (a *adapter) auditConfig(b *terraform.Block, res model.Resource) {
	c := &gcp.AuditConfig{Resource: res, Service: tfattr.Str(b, "service", ""), Known: true}
	c.Known = c.Service.Known() && !b.NestedUnknown("audit_log_config")
	for _, l := range b.Nested("audit_log_config") {
		t := tfattr.Str(l, "log_type", "")
		c.Known = c.Known && t.Known() && !l.Unknown
		c.LogTypes = append(c.LogTypes, t.Value)
	}
	a.m.AuditConfigs = append(a.m.AuditConfigs, c)
}

func (a *adapter) cryptoKey(b *terraform.Block, res model.Resource) {
	a.m.CryptoKeys = append(a.m.CryptoKeys, &gcp.CryptoKey{Resource: res,
		RotationPeriod: tfattr.Str(b, "rotation_period", ""), Purpose: tfattr.Str(b, "purpose", "ENCRYPT_DECRYPT")})
}

func (a *adapter) serviceAccountKey(b *terraform.Block, res model.Resource) {
	a.m.ServiceAccountKeys = append(a.m.ServiceAccountKeys, &gcp.ServiceAccountKey{Resource: res,
		ServiceAccount: tfattr.Ref(b, "service_account_id")})
}

func (a *adapter) repository(b *terraform.Block, res model.Resource) {
	sc, _ := tfattr.Within(b, "vulnerability_scanning_config")
	a.m.Repositories = append(a.m.Repositories, &gcp.Repository{Resource: res, Format: tfattr.Str(b, "format", ""),
		Scanning: tfattr.Str(sc, "enablement_config", "INHERITED")})
}

func (a *adapter) perimeter(b *terraform.Block, res model.Resource) {
	st, _ := tfattr.Within(b, "status")
	rs := tfattr.Refs(st, "restricted_services")
	p := &gcp.Perimeter{Resource: res, Meta: rs.Meta}
	for _, it := range rs.Items {
		p.RestrictedServices = append(p.RestrictedServices, model.String{Meta: it.Meta, Value: it.Value})
	}
	if st != nil {
		for _, dir := range []string{"ingress", "egress"} {
			for _, pb := range st.Nested(dir + "_policies") {
				p.Policies = append(p.Policies, perimeterPolicy(pb, dir))
			}
		}
	}
	a.m.Perimeters = append(a.m.Perimeters, p)
}

// perimeterPolicy reads an ingress_policies or egress_policies block. A
// part that is not known leaves the policy Unknown.
func perimeterPolicy(b *terraform.Block, dir string) gcp.PerimeterPolicy {
	pp := gcp.PerimeterPolicy{Meta: tfattr.BlockMeta(b), Direction: dir}
	known := func(r model.Refs) []string {
		pp.Unknown = pp.Unknown || r.Unknown
		var out []string
		for _, it := range r.Items {
			pp.Unknown = pp.Unknown || it.Unknown
			out = append(out, it.Value)
		}
		return out
	}
	if from, _ := tfattr.First(b, dir+"_from"); from != nil {
		id := tfattr.Str(from, "identity_type", "")
		pp.Unknown = pp.Unknown || id.Unknown
		pp.IdentityType = id.Value
		pp.Identities = known(tfattr.Refs(from, "identities"))
		for _, src := range from.Nested("sources") {
			if lvl := tfattr.Str(src, "access_level", ""); lvl.Explicit {
				pp.Unknown = pp.Unknown || lvl.Unknown
				pp.AccessLevels = append(pp.AccessLevels, lvl.Value)
			}
		}
	}
	if to, _ := tfattr.First(b, dir+"_to"); to != nil {
		pp.Resources = known(tfattr.Refs(to, "resources"))
		for _, op := range to.Nested("operations") {
			svc := tfattr.Str(op, "service_name", "")
			pp.Unknown = pp.Unknown || svc.Unknown
			o := gcp.PerimeterOperation{Service: svc.Value}
			for _, ms := range op.Nested("method_selectors") {
				if m := tfattr.Str(ms, "method", ""); m.Explicit {
					pp.Unknown = pp.Unknown || m.Unknown
					o.Methods = append(o.Methods, m.Value)
				}
			}
			pp.Operations = append(pp.Operations, o)
		}
	}
	return pp
}

// grantKind describes an IAM resource type: what it grants on and the
// attribute naming the target.
type grantKind struct {
	scope, target, form string // form: member, binding or policy
}

// grantScopes maps the prefix of an IAM resource type to its scope and the
// attribute that names what it grants on.
var grantScopes = []struct{ prefix, scope, target string }{
	{"google_project_iam_", "project", "project"},
	{"google_folder_iam_", "folder", "folder"},
	{"google_organization_iam_", "organization", "org_id"},
	{"google_storage_bucket_iam_", "bucket", "bucket"},
	{"google_kms_crypto_key_iam_", "crypto_key", "crypto_key_id"},
	{"google_kms_key_ring_iam_", "key_ring", "key_ring_id"},
	{"google_service_account_iam_", "service_account", "service_account_id"},
	{"google_vertex_ai_endpoint_iam_", "vertex", "endpoint"},
	{"google_vertex_ai_featurestore_iam_", "vertex", "featurestore"},
	{"google_vertex_ai_featurestore_entitytype_iam_", "vertex", "entitytype"},
	{"google_vertex_ai_feature_online_store_iam_", "vertex", "feature_online_store"},
	{"google_notebooks_instance_iam_", "notebook", "instance_name"},
	{"google_notebooks_runtime_iam_", "notebook", "runtime_name"},
	{"google_workbench_instance_iam_", "notebook", "name"},
	{"google_artifact_registry_repository_iam_", "repository", "repository"},
	{"google_bigquery_dataset_iam_", "dataset", "dataset_id"},
}

func grantOf(typ string) (grantKind, bool) {
	for _, s := range grantScopes {
		if rest, ok := strings.CutPrefix(typ, s.prefix); ok {
			switch rest {
			case "member", "binding", "policy":
				return grantKind{scope: s.scope, target: s.target, form: rest}, true
			}
		}
	}
	return grantKind{}, false
}
