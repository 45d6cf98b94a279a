package ml

import (
	"maps"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/azure/acheck"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/secrets"
)

var (
	connectionTypes = []string{"Microsoft.MachineLearningServices/workspaces/connections", "azapi_resource"}
	endpointTypes   = []string{"Microsoft.MachineLearningServices/workspaces/onlineEndpoints", "azapi_resource"}
	deploymentTypes = []string{"Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments", "azapi_resource"}
)

// secretKinds names each datastore credential the way the secrets package
// recognises what kind of secret a name holds.
var secretKinds = map[string]string{"account_key": "access_key", "shared_access_signature": "sas_token",
	"client_secret": "client_secret", "certificate": "private_key"}

// keyAuth lists the connection auth types that keep a secret in the
// workspace; AAD, ManagedIdentity and None use identities.
var keyAuth = map[string]bool{"apikey": true, "accountkey": true, "accesskey": true, "sas": true, "pat": true,
	"usernamepassword": true, "customkeys": true, "serviceprincipal": true, "oauth2": true}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-015", Slug: "aml-datastore-stored-credentials",
			Title:    "Azure Machine Learning datastore stores credentials instead of using identities",
			Severity: rule.Medium, Category: rule.Identity, Resources: acheck.DatastoreTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A datastore with an account key, SAS token or service principal secret hands that credential to every " +
				"workspace user who can read datastore secrets: they reach the whole account or container directly, " +
				"outside the workspace, and the key's use is not tied to a person.",
			Remediation: "Remove account_key, shared_access_signature and client_secret (credentials type None in ARM) so the " +
				"datastore uses the caller's Entra ID identity, or the workspace identity with service_data_identity.",
			Fixes: map[string]string{
				"terraform": "resource \"azurerm_machine_learning_datastore_blobstorage\" \"data\" {\n  name                 = \"training\"\n  workspace_id         = azurerm_machine_learning_workspace.ml.id\n  storage_container_id = azurerm_storage_container.training.resource_manager_id\n}",
				"arm":       "\"credentials\": {\n  \"credentialsType\": \"None\"\n}",
			},
			Defaults:   []string{"no credentials: identity-based access"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ds := range in.Azure.Datastores {
				for _, n := range slices.Sorted(maps.Keys(ds.Credentials)) {
					if c := ds.Credentials[n]; c.IsSet() {
						out = append(out, rule.NewResult(ds.Resource, c.Meta, n, "%s stores a credential (%s) for its storage", ds.Address, n))
					}
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-016", Slug: "aml-datastore-literal-secret",
			Title:    "Azure Machine Learning datastore or connection has a secret written in the code",
			Severity: rule.Critical, Category: rule.Secrets, Resources: slices.Concat(acheck.DatastoreTypes, connectionTypes[:1]),
			Frameworks: framework.Secrets(),
			Rationale: "An account key, SAS token, API key or client secret written in the configuration is in version control, plan " +
				"files and state: anyone who reads the repository reads the training data or calls the connected service.",
			Remediation: "Use identity-based access (AZURE-ML-015); if a credential is unavoidable, read it from Key Vault at deployment.",
			Fixes: map[string]string{
				"terraform": "account_key = data.azurerm_key_vault_secret.storage_key.value",
				"arm":       "\"secrets\": {\n  \"secretsType\": \"AccountKey\",\n  \"key\": \"[parameters('storageKey')]\"\n}",
			},
			Defaults:   []string{"no credentials"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-datastore"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, ds := range in.Azure.Datastores {
				for _, n := range slices.Sorted(maps.Keys(ds.Credentials)) {
					c := ds.Credentials[n]
					if !c.Known() || len(c.Targets) > 0 {
						continue
					}
					if m, ok := secrets.Value(secretKinds[n], c.Value); ok {
						out = append(out, rule.NewResult(ds.Resource, c.Meta, n+"="+m.Redacted, "%s: %s is written in the configuration (%s)", ds.Address, n, m.Redacted))
					}
				}
			}
			for _, c := range in.Azure.Connections {
				for _, n := range slices.Sorted(maps.Keys(c.Credentials)) {
					v := c.Credentials[n]
					if !v.Known() || len(v.Targets) > 0 {
						continue
					}
					// Credential fields are secrets by place; the name only
					// tells the kind.
					if m, ok := secrets.Value("secret_"+n, v.Value); ok {
						out = append(out, rule.NewResult(c.Resource, v.Meta, n+"="+m.Redacted, "%s: credential %s is written in the configuration (%s)", c.Address, n, m.Redacted))
					}
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-017", Slug: "aml-online-endpoint-public",
			Title:    "Azure Machine Learning online endpoint accepts scoring requests from public networks",
			Severity: rule.High, Category: rule.Network, Resources: endpointTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A public scoring endpoint can be called from anywhere by whoever holds its key or a token: the model " +
				"can be queried at will, extracted by its answers, or flooded. Private endpoints keep inference on your network.",
			Remediation: "Set publicNetworkAccess to Disabled on the endpoint and call it through the workspace's private endpoint.",
			Fixes: map[string]string{
				"terraform": "resource \"azapi_resource\" \"endpoint\" {\n  type = \"Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01\"\n  body = {\n    properties = {\n      authMode            = \"AADToken\"\n      publicNetworkAccess = \"Disabled\"\n    }\n  }\n}",
				"arm":       "\"properties\": {\n  \"authMode\": \"AADToken\",\n  \"publicNetworkAccess\": \"Disabled\"\n}",
			},
			Defaults:   []string{"publicNetworkAccess: Enabled"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/concept-secure-online-endpoint"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, e := range in.Azure.OnlineEndpoints {
				if e.PublicNetworkAccess.IsTrue() {
					out = append(out, rule.NewResult(e.Resource, e.PublicNetworkAccess.Meta, "public",
						"%s accepts scoring requests from public networks (publicNetworkAccess Enabled%s)", e.Address, rule.DefaultNote(e.PublicNetworkAccess.Explicit)))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-018", Slug: "aml-online-endpoint-key-auth",
			Title:    "Azure Machine Learning online endpoint authenticates callers with keys",
			Severity: rule.Medium, Category: rule.Identity, Resources: endpointTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Endpoint keys never expire and name no caller: a key copied into a notebook, a log or a client app " +
				"calls the model until someone rotates it, and its calls cannot be told apart. Entra ID tokens are " +
				"short-lived, per identity, and governed by RBAC.",
			Remediation: "Set authMode to AADToken and grant callers the AzureML Data Scientist role or a custom role with the endpoint score action.",
			Fixes: map[string]string{
				"terraform": "body = {\n  properties = {\n    authMode = \"AADToken\"\n  }\n}",
				"arm":       "\"properties\": {\n  \"authMode\": \"AADToken\"\n}",
			},
			Defaults:   []string{"authMode: required by the API; none assumed when absent"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, e := range in.Azure.OnlineEndpoints {
				if e.AuthMode.Known() && strings.EqualFold(e.AuthMode.Value, "Key") {
					out = append(out, rule.NewResult(e.Resource, e.AuthMode.Meta, "key", "%s authenticates callers with keys (authMode Key)", e.Address))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-019", Slug: "aml-online-deployment-public-egress",
			Title:    "Azure Machine Learning online deployment may send traffic to the internet",
			Severity: rule.Medium, Category: rule.Network, Resources: deploymentTypes, CrossObject: true,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A model server with public egress can reach any host: a poisoned model or a compromised dependency " +
				"sends requests, answers and credentials out. In a workspace without a managed network, disabling egress " +
				"makes the deployment reach storage, registries and Key Vault only through private endpoints.",
			Remediation: "Set egressPublicNetworkAccess to Disabled, or give the workspace a managed network with approved outbound rules.",
			Fixes: map[string]string{
				"terraform": "body = {\n  properties = {\n    egressPublicNetworkAccess = \"Disabled\"\n  }\n}",
				"arm":       "\"properties\": {\n  \"egressPublicNetworkAccess\": \"Disabled\"\n}",
			},
			Defaults:   []string{"egressPublicNetworkAccess: Enabled (ignored when the workspace has a managed network)"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-secure-online-endpoint"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.Azure.Deployments {
				if !d.EgressPublic.IsTrue() {
					continue
				}
				var ws *azure.Workspace
				for _, e := range in.Azure.OnlineEndpoints {
					if d.Endpoint.LinksTo(e.Address) {
						ws = acheck.WorkspaceOf(in.Azure, e.Workspace)
					}
				}
				// A managed network overrides the flag; only a workspace
				// known to have none makes it count.
				if isolated, known := acheck.Isolated(ws); !known || isolated {
					continue
				}
				out = append(out, rule.NewResult(d.Resource, d.EgressPublic.Meta, "egress",
					"%s may send traffic to the internet (egressPublicNetworkAccess Enabled%s) and %s has no managed network",
					d.Address, rule.DefaultNote(d.EgressPublic.Explicit), ws.Address))
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-020", Slug: "aml-connection-stored-key",
			Title:    "Azure Machine Learning or AI Foundry connection authenticates with a stored key",
			Severity: rule.Medium, Category: rule.Identity, Resources: connectionTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A connection with an API key, account key, SAS or password keeps that secret in the workspace's key " +
				"vault and hands it to every user (every project of a hub, when shared to all) who can use the " +
				"connection: the Azure OpenAI or search key leaves through any notebook, with no trace of who used it.",
			Remediation: "Set authType to AAD (Microsoft Entra ID) and grant the workspace or users' identities a role on the " +
				"target (Cognitive Services OpenAI User, Storage Blob Data Reader); turn off the target's local authentication.",
			Fixes: map[string]string{
				"terraform": "resource \"azapi_resource\" \"openai\" {\n  type = \"Microsoft.MachineLearningServices/workspaces/connections@2024-10-01\"\n  body = {\n    properties = {\n      category = \"AzureOpenAI\"\n      authType = \"AAD\"\n      target   = azurerm_cognitive_account.openai.endpoint\n    }\n  }\n}",
				"arm":       "\"properties\": {\n  \"category\": \"AzureOpenAI\",\n  \"authType\": \"AAD\",\n  \"target\": \"[parameters('openAiEndpoint')]\"\n}",
			},
			Defaults:   []string{"authType: required by the API", "isSharedToAll: false"},
			References: []string{"https://learn.microsoft.com/azure/ai-foundry/how-to/connections-add", "https://learn.microsoft.com/azure/machine-learning/how-to-connection"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, c := range in.Azure.Connections {
				if !c.AuthType.Known() || !keyAuth[strings.ToLower(c.AuthType.Value)] {
					continue
				}
				shared := ""
				if c.Shared.IsTrue() {
					shared = ", shared with every user of the workspace"
				}
				out = append(out, rule.NewResult(c.Resource, c.AuthType.Meta, c.AuthType.Value, "%s authenticates with a stored secret (authType %s%s)",
					c.Address, c.AuthType.Value, shared))
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AZURE-ML-021", Slug: "aml-deployment-env-secret",
			Title:    "Azure Machine Learning online deployment has a secret in its environment variables",
			Severity: rule.High, Category: rule.Secrets, Resources: deploymentTypes,
			Frameworks: framework.Secrets(),
			Rationale: "Environment variables of a deployment are written in the template, kept in the deployment's " +
				"definition, shown to everyone who can read the workspace, and readable by the model server's code: an " +
				"API key or password there is in version control and in every log of the deployment.",
			Remediation: "Read the secret at run time from Key Vault with the endpoint's managed identity, or use a workspace connection with Entra ID.",
			Fixes: map[string]string{
				"terraform": "body = {\n  properties = {\n    environmentVariables = {\n      KEY_VAULT_URL = azurerm_key_vault.ml.vault_uri\n    }\n  }\n}",
				"arm":       "\"environmentVariables\": {\n  \"KEY_VAULT_URL\": \"[reference(resourceId('Microsoft.KeyVault/vaults', parameters('vault'))).vaultUri]\"\n}",
			},
			Defaults:   []string{"environmentVariables: none"},
			References: []string{"https://learn.microsoft.com/azure/machine-learning/how-to-access-resources-from-endpoints-managed-identities"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.Azure.Deployments {
				out = append(out, rule.SecretResults(d.Resource, d.Env, "", "")...)
			}
			return out
		},
	})
}
