package ml

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/secrets"
)

// computes runs f on every compute instance and cluster (not inference clusters).
func computes(in *rule.Input, f func(c *azure.Compute) *rule.Result) []rule.Result {
	return acheck.Each(in.Azure.Computes, func(c *azure.Compute) *rule.Result {
		if c.Kind == azure.ComputeInference {
			return nil
		}
		return f(c)
	})
}

func kindName(c *azure.Compute) string {
	if c.Kind == azure.ComputeInstance {
		return "compute instance"
	}
	return "compute cluster"
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-009", Slug: "aml-compute-local-auth",
			Title:    "Azure Machine Learning compute accepts local authentication",
			Severity: rule.Medium, Category: rule.Identity, Resources: acheck.ComputeTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "With local authentication, the compute accepts keys and local credentials besides Microsoft Entra ID: " +
				"access is not tied to a user, Conditional Access and MFA do not apply, and a copied key works until rotated.",
			Remediation: "Set local_auth_enabled = false (disableLocalAuth: true in ARM) and give users Entra ID roles on the workspace.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_compute_instance\" \"ci\" {\n  local_auth_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"computeType\": \"ComputeInstance\",\n  \"disableLocalAuth\": true\n}",
			},
			Defaults:   []string{"local_auth_enabled: true", "ARM disableLocalAuth: false"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-integrate-azure-policy", policyURL + "e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return computes(in, func(c *azure.Compute) *rule.Result {
				return acheck.When(c.Resource, c.LocalAuth, true, "local-auth", "%s: %s accepts local authentication%s",
					c.Address, kindName(c), rule.DefaultNote(c.LocalAuth.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-010", Slug: "aml-compute-node-public-ip",
			Title:    "Azure Machine Learning compute nodes have public IP addresses",
			Severity: rule.High, Category: rule.Network, Resources: acheck.ComputeTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Nodes with public IPs are reachable from the internet (Azure ML opens inbound ports for its own " +
				"management) and send training data out without passing your network's egress controls.",
			Remediation: "Set node_public_ip_enabled = false (enableNodePublicIp: false in ARM) and place the compute in a subnet, or use a managed network.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_compute_cluster\" \"train\" {\n  node_public_ip_enabled = false\n  subnet_resource_id     = azurerm_subnet.training.id\n}",
				"arm":       "\"properties\": {\n  \"computeType\": \"AmlCompute\",\n  \"properties\": {\n    \"enableNodePublicIp\": false,\n    \"subnet\": {\"id\": \"[parameters('subnetId')]\"}\n  }\n}",
			},
			Defaults:   []string{"node_public_ip_enabled: true", "ARM enableNodePublicIp: true"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return computes(in, func(c *azure.Compute) *rule.Result {
				return acheck.When(c.Resource, c.NodePublicIP, true, "public-ip", "%s: %s nodes get public IP addresses%s",
					c.Address, kindName(c), rule.DefaultNote(c.NodePublicIP.Explicit))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-011", Slug: "aml-compute-public-ssh",
			Title:    "Azure Machine Learning compute opens SSH to the internet",
			Severity: rule.High, Category: rule.Network, Resources: acheck.ComputeTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A public SSH port on a compute instance or cluster node is a shell, with the workspace identity's " +
				"access to data and models, one stolen key or guessed password away for anyone on the internet.",
			Remediation: "Remove the ssh block of compute instances, set ssh_public_access_enabled = false on clusters " +
				"(sshPublicAccess / remoteLoginPortPublicAccess: Disabled in ARM) and connect through the studio or a bastion.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_compute_cluster\" \"train\" {\n  ssh_public_access_enabled = false\n}",
				"arm":       "\"properties\": {\n  \"computeType\": \"AmlCompute\",\n  \"properties\": {\"remoteLoginPortPublicAccess\": \"Disabled\"}\n}",
			},
			Defaults: []string{"instance: SSH public access Disabled without an ssh block", "cluster ssh_public_access_enabled: false",
				"ARM remoteLoginPortPublicAccess: NotSpecified, open on nodes outside a virtual network when an administrator account is set"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return computes(in, func(c *azure.Compute) *rule.Result {
				return acheck.When(c.Resource, c.SSHPublic, true, "ssh", "%s: %s accepts SSH from the internet", c.Address, kindName(c))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-012", Slug: "aml-compute-outside-vnet",
			Title:    "Azure Machine Learning compute runs outside any virtual network",
			Severity: rule.Medium, Category: rule.Network, Resources: acheck.ComputeTypes, CrossObject: true,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A compute with no subnet, in a workspace without a managed network, sits in no network you control: " +
				"no NSG, firewall or private endpoint stands between it, the internet and the workspace's storage.",
			Remediation: "Set subnet_resource_id (properties.subnet.id in ARM), or give the workspace a managed network.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_compute_instance\" \"ci\" {\n  subnet_resource_id = azurerm_subnet.training.id\n}",
				"arm":       "\"properties\": {\n  \"properties\": {\"subnet\": {\"id\": \"[parameters('subnetId')]\"}}\n}",
			},
			Defaults:   []string{"subnet_resource_id: absent", "workspace managed_network.isolation_mode: Disabled"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet", policyURL + "7804b5c7-01dc-4723-969b-ae300cc07ff1"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return computes(in, func(c *azure.Compute) *rule.Result {
				if !c.Subnet.Absent() {
					return nil
				}
				// Only a workspace of this unit known to have no managed
				// network makes the missing subnet a gap.
				ws := acheck.WorkspaceOf(in.Azure, c.Workspace)
				if isolated, known := acheck.Isolated(ws); !known || isolated {
					return nil
				}
				return acheck.Ptr(rule.NewResult(c.Resource, c.Subnet.Meta, "no-subnet", "%s: %s has no subnet and %s has no managed network",
					c.Address, kindName(c), ws.Address))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-013", Slug: "aml-compute-admin-password",
			Title:    "Azure Machine Learning compute cluster has an administrator password in the code",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"azurerm_machine_learning_compute_cluster", "Microsoft.MachineLearningServices/workspaces/computes", "azapi_resource"},
			Frameworks: framework.Secrets(),
			Rationale: "A password written in the configuration is in version control, plan files and state; with it anyone " +
				"logs in to every node of the cluster, where training data and the workspace identity's tokens are.",
			Remediation: "Use an SSH key (ssh.key_value; adminUserSshPublicKey in ARM) or no administrator account, and keep " +
				"any secret in Key Vault, passed in at deployment.",
			Fixes: map[string]string{
				"terraform": "ssh {\n  admin_username = \"azureuser\"\n  key_value      = file(\"~/.ssh/id_ed25519.pub\")\n}",
				"arm":       "\"userAccountCredentials\": {\n  \"adminUserName\": \"azureuser\",\n  \"adminUserSshPublicKey\": \"[parameters('sshPublicKey')]\"\n}",
			},
			Defaults:   []string{"ssh: absent, no administrator account"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return computes(in, func(c *azure.Compute) *rule.Result {
				pw := c.AdminPassword
				if !pw.Known() || !pw.Explicit {
					return nil
				}
				m, ok := secrets.Value("admin_password", pw.Value)
				if !ok {
					return nil
				}
				return acheck.Ptr(rule.NewResult(c.Resource, pw.Meta, "admin-password", "%s: the administrator password is written in the configuration (%s)",
					c.Address, m.Redacted))
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-014", Slug: "aml-inference-cluster-no-tls",
			Title:    "Azure Machine Learning inference cluster serves models over plain HTTP",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Resources:  []string{"azurerm_machine_learning_inference_cluster", "Microsoft.MachineLearningServices/workspaces/computes", "azapi_resource"},
			Frameworks: framework.Transit(),
			Rationale: "Without TLS, scoring requests and the model's answers, often personal data, cross the network in " +
				"clear, and the endpoint's key travels with every request where anyone on the path can take it.",
			Remediation: "Add an ssl block with a certificate or a leaf_domain_label (sslConfiguration.status Enabled in ARM).",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_inference_cluster\" \"aks\" {\n  ssl {\n    leaf_domain_label         = \"ml-scoring\"\n    overwrite_existing_domain = true\n  }\n}",
				"arm":       "\"properties\": {\n  \"computeType\": \"AKS\",\n  \"properties\": {\"sslConfiguration\": {\"status\": \"Enabled\", \"leafDomainLabel\": \"ml-scoring\"}}\n}",
			},
			Defaults:   []string{"ssl: absent, so HTTP", "ARM sslConfiguration.status: Disabled"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-secure-web-service"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, c := range in.Azure.Computes {
				if c.Kind != azure.ComputeInference || !c.TLS.IsFalse() {
					continue
				}
				out = append(out, rule.NewResult(c.Resource, c.TLS.Meta, "no-tls", "%s serves scoring requests without TLS (%s)",
					c.Address, acheck.Name(c.Resource, "no ssl block", "sslConfiguration "+statusWord(c.TLS))))
			}
			return out
		},
	})
}

func statusWord(b model.Bool) string {
	if b.Explicit {
		return "Disabled"
	}
	return "absent"
}
