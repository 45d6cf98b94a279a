// Package workbench holds the rules on Vertex AI Workbench instances and the
// legacy user-managed notebooks and managed runtimes they replace.
package workbench

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/gcp"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

var types = []string{"google_workbench_instance", "google_notebooks_instance", "google_notebooks_runtime"}

const docs = "https://cloud.google.com/vertex-ai/docs/workbench/instances/introduction"

func register(r *rule.Rule) {
	r.Provider, r.Service = "gcp", "workbench"
	if r.Resources == nil {
		r.Resources = types
	}
	rule.Register(r)
}

// each runs f on every notebook.
func each(in *rule.Input, f func(nb *gcp.Notebook) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, nb := range in.GCP.Notebooks {
		out = append(out, f(nb)...)
	}
	return out
}

// metadataFlag is a Workbench metadata key that turns a risky feature off
// when set to "true".
type metadataFlag struct {
	id, slug, key, title, rationale, feature string
	severity                                 rule.Severity
}

var metadataFlags = []metadataFlag{
	{"GCP-WORKBENCH-002", "workbench-root-access", "notebook-disable-root", "Workbench notebook gives users root access",
		"With root (sudo) on the notebook VM a user, or code a notebook runs, can read every file on it, change the " +
			"instance's software and agents, and act as the VM's service account without limits.", "root access", rule.Medium},
	{"GCP-WORKBENCH-003", "workbench-file-downloads", "notebook-disable-downloads", "Workbench notebook lets users download files",
		"File downloads from JupyterLab move training data and model files off the platform to any laptop, outside the " +
			"controls (VPC Service Controls, DLP) that guard them in the project.", "file downloads", rule.Medium},
	{"GCP-WORKBENCH-004", "workbench-terminal", "notebook-disable-terminal", "Workbench notebook gives users a terminal",
		"The JupyterLab terminal is a shell on the VM with its service account's credentials, outside notebook " +
			"auditing; data leaves through it as easily as through downloads.", "the terminal", rule.Low},
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-WORKBENCH-001", Slug: "workbench-public-ip",
			Title:    "Workbench notebook VM has a public IP address",
			Severity: rule.High, Category: rule.Network,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A notebook VM with an external IP is reachable from the internet and can send data anywhere, " +
				"bypassing the VPC's egress controls and VPC Service Controls; notebooks hold training data and credentials.",
			Remediation: "Set gce_setup.disable_public_ip = true (no_public_ip = true on google_notebooks_instance, " +
				"internal_ip_only = true on runtimes) and reach Google APIs through Private Google Access.",
			Fixes: map[string]string{"terraform": `resource "google_workbench_instance" "nb" {
  gce_setup {
    disable_public_ip = true
  }
}`},
			Defaults:   []string{"gce_setup.disable_public_ip: false", "no_public_ip: false", "internal_ip_only: false"},
			References: []string{docs, "https://cloud.google.com/vertex-ai/docs/workbench/instances/create#network"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(nb *gcp.Notebook) []rule.Result {
				if !nb.PublicIP.IsTrue() {
					return nil
				}
				return []rule.Result{rule.NewResult(nb.Resource, nb.PublicIP.Meta, "public-ip",
					"%s gets a public IP address%s", nb.Address, rule.DefaultNote(nb.PublicIP.Explicit))}
			})
		},
	})
	for _, f := range metadataFlags {
		register(&rule.Rule{
			Metadata: rule.Metadata{
				ID: f.id, Slug: f.slug, Title: f.title, Severity: f.severity, Category: rule.DataProtection,
				Resources:   types[:2],
				Frameworks:  framework.LeastPrivilege(),
				Rationale:   f.rationale,
				Remediation: "Set the metadata key " + f.key + " to \"true\" (the organization policy constraint ainotebooks." + constraint(f.key) + " enforces it).",
				Fixes: map[string]string{"terraform": `resource "google_workbench_instance" "nb" {
  gce_setup {
    metadata = {
      ` + f.key + ` = "true"
    }
  }
}`},
				Defaults:   []string{"metadata " + f.key + ": not set, so " + f.feature + " is on"},
				References: []string{"https://cloud.google.com/vertex-ai/docs/workbench/instances/manage-metadata"},
			},
			Check: func(in *rule.Input) []rule.Result {
				return each(in, func(nb *gcp.Notebook) []rule.Result {
					if nb.Type == "google_notebooks_runtime" || !nb.MetadataMeta.Known() {
						return nil
					}
					v, set := nb.Metadata[f.key]
					if set && (!v.Known() || strings.EqualFold(v.Value, "true")) {
						return nil
					}
					m := nb.MetadataMeta
					if set {
						m = v.Meta
					}
					return []rule.Result{rule.NewResult(nb.Resource, m, f.key,
						"%s leaves %s on (metadata %s is not \"true\")", nb.Address, f.feature, f.key)}
				})
			},
		})
	}
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-WORKBENCH-005", Slug: "workbench-disk-cmek",
			Title:    "Workbench notebook disks are not encrypted with a customer-managed key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Notebook disks hold copies of training data, model checkpoints and cached credentials. With " +
				"Google-managed keys you cannot revoke access to them or prove who used the key.",
			Remediation: "Set disk_encryption = \"CMEK\" and kms_key on the boot and data disks (kms_key in encryption_config on runtimes).",
			Fixes: map[string]string{"terraform": `gce_setup {
  boot_disk {
    disk_encryption = "CMEK"
    kms_key         = google_kms_crypto_key.notebooks.id
  }
  data_disks {
    disk_encryption = "CMEK"
    kms_key         = google_kms_crypto_key.notebooks.id
  }
}`},
			Defaults:   []string{"disk_encryption: GMEK (Google-managed) when not set"},
			References: []string{"https://cloud.google.com/vertex-ai/docs/workbench/instances/cmek"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(nb *gcp.Notebook) []rule.Result {
				var out []rule.Result
				for _, d := range nb.Disks {
					if d.Encryption.Is("CMEK") || !d.Encryption.Known() {
						continue
					}
					out = append(out, rule.NewResult(nb.Resource, d.Encryption.Meta, d.Name,
						"%s: %s are encrypted with Google-managed keys (%s%s)", nb.Address, d.Name, d.Encryption.Value, rule.DefaultNote(d.Encryption.Explicit)))
				}
				return out
			})
		},
	})
	shieldedRule("GCP-WORKBENCH-006", "workbench-secure-boot", "Workbench notebook VM runs without Secure Boot", "enable_secure_boot",
		"Without Secure Boot the VM boots unsigned kernels and drivers, so a rootkit planted by a notebook user with root "+
			"survives reboots undetected. GPU drivers of Deep Learning VM images are signed and work with it.",
		func(nb *gcp.Notebook) model.Bool { return nb.SecureBoot })
	shieldedRule("GCP-WORKBENCH-007", "workbench-vtpm-integrity", "Workbench notebook VM has vTPM or integrity monitoring turned off", "enable_vtpm / enable_integrity_monitoring",
		"The vTPM measures the boot and integrity monitoring compares it against a baseline; turned off, tampering with "+
			"the notebook VM's boot goes unseen.",
		func(nb *gcp.Notebook) model.Bool {
			if nb.VTPM.IsFalse() {
				return nb.VTPM
			}
			return nb.IntegrityMonitoring
		})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-WORKBENCH-008", Slug: "workbench-default-service-account",
			Title:    "Workbench notebook runs as the Compute Engine default service account",
			Severity: rule.High, Category: rule.Identity,
			Resources:  types[:2],
			Frameworks: framework.LeastPrivilege(),
			Rationale: "The default compute service account is shared by every VM of the project and, in projects created " +
				"before 2024 without the constraint iam.automaticIamGrantsForDefaultServiceAccounts, holds Editor on the " +
				"whole project: every notebook user gets it.",
			Remediation: "Create a service account for the notebooks with only the roles they need and set it in gce_setup.service_accounts (service_account on legacy instances).",
			Fixes: map[string]string{"terraform": `gce_setup {
  service_accounts {
    email = google_service_account.notebooks.email
  }
}`},
			Defaults:   []string{"service_accounts: absent, so the VM runs as PROJECT_NUMBER-compute@developer.gserviceaccount.com"},
			References: []string{"https://cloud.google.com/compute/docs/access/service-accounts#default_service_account"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(nb *gcp.Notebook) []rule.Result {
				sa := nb.ServiceAccount
				if !sa.Known() || sa.Explicit && !IsDefaultComputeAccount(sa.Value) {
					return nil
				}
				why := " (no service_accounts block)"
				if sa.Explicit {
					why = ""
				}
				return []rule.Result{rule.NewResult(nb.Resource, sa.Meta, "default-sa",
					"%s runs as the Compute Engine default service account%s", nb.Address, why)}
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-WORKBENCH-009", Slug: "workbench-ip-forwarding",
			Title:    "Workbench notebook VM forwards IP packets",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  types[:1],
			Frameworks: framework.NetworkBoundary(),
			Rationale: "With IP forwarding the notebook VM can route traffic for other addresses: a user with root can turn it " +
				"into a gateway around the VPC's firewall rules.",
			Remediation: "Remove gce_setup.enable_ip_forwarding or set it to false.",
			Fixes:       map[string]string{"terraform": "gce_setup {\n  enable_ip_forwarding = false\n}"},
			Defaults:    []string{"enable_ip_forwarding: false"},
			References:  []string{docs},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(nb *gcp.Notebook) []rule.Result {
				if !nb.IPForwarding.IsTrue() {
					return nil
				}
				return []rule.Result{rule.NewResult(nb.Resource, nb.IPForwarding.Meta, "forwarding", "%s forwards IP packets", nb.Address)}
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "GCP-WORKBENCH-010", Slug: "workbench-image-latest",
			Title:    "Workbench notebook container image is unpinned",
			Severity: rule.Low, Category: rule.SupplyChain,
			Resources:  types[:2],
			Frameworks: framework.Integrity(),
			Rationale: "A container image without a tag, or tagged latest, changes under the notebook whenever it restarts: " +
				"libraries that read training data and load models change without review.",
			Remediation: "Set container_image.tag to a version (or a digest).",
			Fixes:       map[string]string{"terraform": "container_image {\n  repository = \"us-docker.pkg.dev/deeplearning-platform-release/gcr.io/base-cu113.py310\"\n  tag        = \"m125\"\n}"},
			Defaults:    []string{"container_image.tag: latest when not set"},
			References:  []string{"https://cloud.google.com/vertex-ai/docs/workbench/instances/create-custom-container"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(nb *gcp.Notebook) []rule.Result {
				if !nb.ContainerImage || !nb.ImageTag.Is("latest") {
					return nil
				}
				return []rule.Result{rule.NewResult(nb.Resource, nb.ImageTag.Meta, "latest",
					"%s runs the latest container image%s", nb.Address, rule.DefaultNote(nb.ImageTag.Explicit))}
			})
		},
	})
}

// IsDefaultComputeAccount reports the Compute Engine default service account.
func IsDefaultComputeAccount(email string) bool {
	return strings.HasSuffix(email, "-compute@developer.gserviceaccount.com")
}

// constraint names the org policy constraint that enforces a metadata key.
func constraint(key string) string {
	switch key {
	case "notebook-disable-root":
		return "disableRootAccess"
	case "notebook-disable-downloads":
		return "disableFileDownloads"
	}
	return "disableTerminal"
}

func shieldedRule(id, slug, title, attr, rationale string, get func(*gcp.Notebook) model.Bool) {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: id, Slug: slug, Title: title, Severity: rule.Low, Category: rule.Isolation,
			Frameworks:  framework.Integrity(),
			Rationale:   rationale,
			Remediation: "Set shielded_instance_config." + attr + " = true.",
			Fixes: map[string]string{"terraform": `gce_setup {
  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}`},
			Defaults:   []string{"enable_secure_boot: false; enable_vtpm and enable_integrity_monitoring: true"},
			References: []string{"https://cloud.google.com/compute/shielded-vm/docs/shielded-vm"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return each(in, func(nb *gcp.Notebook) []rule.Result {
				v := get(nb)
				if !v.IsFalse() {
					return nil
				}
				return []rule.Result{rule.NewResult(nb.Resource, v.Meta, slug,
					"%s: Shielded VM %s is off (false%s)", nb.Address, attr, rule.DefaultNote(v.Explicit))}
			})
		},
	})
}
