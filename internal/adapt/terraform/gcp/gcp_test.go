package gcp_test

import (
	"testing"

	"github.com/mlguard/mlguard/internal/adapt/terraform/gcp"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// plan is a google plan in the shape `terraform show -json` prints (the
// google provider is not on the build machine, so it is written by hand):
// blocks are lists of objects, maps are objects, computed values are in
// after_unknown.
const plan = `{
  "format_version": "1.2",
  "terraform_version": "1.11.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "google_workbench_instance.nb", "mode": "managed", "type": "google_workbench_instance", "name": "nb",
     "provider_name": "registry.terraform.io/hashicorp/google",
     "values": {"name": "nb", "location": "us-central1-a", "disable_proxy_access": false,
       "gce_setup": [{"disable_public_ip": false, "metadata": {"notebook-disable-root": "true"},
         "shielded_instance_config": [{"enable_secure_boot": true, "enable_vtpm": true, "enable_integrity_monitoring": true}],
         "boot_disk": [{"disk_encryption": "CMEK", "kms_key": "projects/p/locations/l/keyRings/r/cryptoKeys/k"}],
         "data_disks": [], "service_accounts": []}]}},
    {"address": "google_storage_bucket.data", "mode": "managed", "type": "google_storage_bucket", "name": "data",
     "provider_name": "registry.terraform.io/hashicorp/google",
     "values": {"name": "data", "location": "US", "uniform_bucket_level_access": true, "public_access_prevention": "enforced",
       "encryption": [], "versioning": [{"enabled": true}]}},
    {"address": "google_project_iam_member.sa", "mode": "managed", "type": "google_project_iam_member", "name": "sa",
     "provider_name": "registry.terraform.io/hashicorp/google",
     "values": {"project": "p", "role": "roles/editor", "member": "serviceAccount:t@p.iam.gserviceaccount.com"}}
  ]}},
  "resource_changes": []
}`

func TestAdaptPlan(t *testing.T) {
	rs, diags := terraform.LoadPlan("plan.json", []byte(plan))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	m := gcp.Adapt(rs)
	if len(m.Notebooks) != 1 || len(m.Buckets) != 1 || len(m.Grants) != 1 {
		t.Fatalf("model: %d notebooks, %d buckets, %d grants", len(m.Notebooks), len(m.Buckets), len(m.Grants))
	}
	nb := m.Notebooks[0]
	if !nb.PublicIP.IsTrue() || !nb.SecureBoot.IsTrue() || !nb.Disks[0].Encryption.Is("CMEK") || !nb.Metadata["notebook-disable-root"].Is("true") {
		t.Errorf("notebook: %+v", nb)
	}
	if sa := nb.ServiceAccount; sa.Explicit || !sa.Known() {
		t.Errorf("no service_accounts block: the default account, got %+v", sa)
	}
	if b := m.Buckets[0]; !b.UniformAccess.IsTrue() || !b.KMSKey.Absent() || !b.Versioning.IsTrue() {
		t.Errorf("bucket: %+v", b)
	}
	if g := m.Grants[0]; g.Scope != "project" || !g.Role.Is("roles/editor") || g.Members[0].Kind() != "serviceAccount" {
		t.Errorf("grant: %+v", g)
	}
}
