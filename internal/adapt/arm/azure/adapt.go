// Package azure adapts ARM-shaped resources (ARM template resources, and the
// bodies of Terraform azapi_resource blocks, which use ARM property names)
// into the typed Azure model, with the API's defaults for properties that
// are not written.
package azure

import (
	"cmp"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Document is one ARM-shaped resource.
type Document struct {
	Res model.Resource
	// Type is the ARM resource type, without an API version.
	Type string
	// Body is the resource object: properties, kind, identity, ...
	Body *node.Value
	// Parent links the resource to its parent (a compute to its workspace).
	Parent model.Ref
}

// Adapt builds the Azure model of a template.
func Adapt(t *arm.Template) *azure.Model {
	m := &azure.Model{}
	if t == nil {
		return m
	}
	format := cmp.Or(t.Format, arm.Format)
	for _, r := range t.Resources {
		d := Document{
			Res:  model.Resource{Address: r.Address, Type: r.Type, Range: r.Range, Format: format},
			Type: r.Type, Body: r.Body,
		}
		if i := strings.LastIndex(r.Address, "/"+lastSegment(r.Type)+"/"); i > 0 && strings.Count(r.Type, "/") > 1 {
			d.Parent = model.Ref{Meta: model.Meta{Range: r.Range}, Targets: []string{r.Address[:i]}}
		}
		AdaptDocument(m, d)
	}
	Inherit(m)
	return m
}

// Inherit gives AI Foundry projects their hub's network, encryption and
// storage settings, which a project cannot set itself; a project whose hub
// is not in the unit has them unknown.
func Inherit(m *azure.Model) {
	for _, p := range m.Workspaces {
		if !strings.EqualFold(p.Kind.Value, "project") || !p.Kind.Known() {
			continue
		}
		var hub *azure.Workspace
		for _, h := range m.Workspaces {
			if h != p && p.Hub.LinksTo(h.Address) {
				hub = h
			}
		}
		if hub != nil {
			p.PublicNetworkAccess, p.CMK, p.HighBusinessImpact = hub.PublicNetworkAccess, hub.CMK, hub.HighBusinessImpact
			p.IsolationMode, p.StorageAuth, p.ServerlessPublicIP = hub.IsolationMode, hub.StorageAuth, hub.ServerlessPublicIP
			continue
		}
		unknown := model.Meta{Range: p.Range, Unknown: true}
		p.PublicNetworkAccess, p.HighBusinessImpact, p.ServerlessPublicIP = model.Bool{Meta: unknown}, model.Bool{Meta: unknown}, model.Bool{Meta: unknown}
		p.CMK = model.Ref{Meta: unknown}
		p.IsolationMode, p.StorageAuth = model.String{Meta: unknown}, model.String{Meta: unknown}
	}
}

func lastSegment(typ string) string { return typ[strings.LastIndex(typ, "/")+1:] }

// adapters are keyed by the lower-case ARM type.
var adapters = map[string]func(*azure.Model, Document){
	"microsoft.machinelearningservices/workspaces":                                workspace,
	"microsoft.machinelearningservices/workspaces/computes":                       compute,
	"microsoft.machinelearningservices/workspaces/datastores":                     datastore,
	"microsoft.machinelearningservices/workspaces/onlineendpoints":                onlineEndpoint,
	"microsoft.machinelearningservices/workspaces/onlineendpoints/deployments":    onlineDeployment,
	"microsoft.machinelearningservices/workspaces/outboundrules":                  outboundRule,
	"microsoft.cognitiveservices/accounts":                                        aiAccount,
	"microsoft.search/searchservices":                                             searchService,
	"microsoft.security/pricings":                                                 defenderPlan,
	"microsoft.storage/storageaccounts":                                           storageAccount,
	"microsoft.keyvault/vaults":                                                   keyVault,
	"microsoft.machinelearningservices/workspaces/connections":                    connection,
	"microsoft.containerregistry/registries":                                      registry,
	"microsoft.authorization/roleassignments":                                     roleAssignment,
	"microsoft.cognitiveservices/accounts/raipolicies":                            raiPolicy,
	"microsoft.insights/diagnosticsettings":                                       diagnosticSetting,
	"microsoft.network/privateendpoints":                                          privateEndpoint,
	"microsoft.storage/storageaccounts/blobservices/providers/diagnosticsettings": diagnosticSetting,
}

// AdaptDocument adds one resource to the model; types it does not know are
// left out.
func AdaptDocument(m *azure.Model, d Document) {
	if f, ok := adapters[strings.ToLower(d.Type)]; ok && d.Body != nil {
		f(m, d)
	}
}

// API defaults (Microsoft.MachineLearningServices 2024-04-01 and later,
// Microsoft.CognitiveServices 2024-10-01, Microsoft.Storage 2023-05-01,
// Microsoft.KeyVault 2023-07-01):
//   workspaces: publicNetworkAccess Enabled; hbiWorkspace false; managedNetwork.isolationMode Disabled;
//     systemDatastoresAuthMode AccessKey (the account key); encryption absent: Microsoft-managed keys
//   computes: disableLocalAuth false; properties.enableNodePublicIp true; ComputeInstance
//     sshSettings.sshPublicAccess Disabled; AmlCompute remoteLoginPortPublicAccess NotSpecified
//     (open on nodes outside a virtual network); AKS sslConfiguration.status Disabled
//   onlineEndpoints: publicNetworkAccess Enabled; deployments: egressPublicNetworkAccess Enabled
//   accounts: publicNetworkAccess Enabled; disableLocalAuth false; restrictOutboundNetworkAccess false;
//     networkAcls absent: every network allowed
//   storageAccounts: supportsHttpsTrafficOnly true; allowSharedKeyAccess null (true);
//     publicNetworkAccess Enabled; networkAcls.defaultAction Allow. allowBlobPublicAccess and
//     minimumTlsVersion defaults changed across API versions, so only written values are judged.
//   vaults: enablePurgeProtection off; publicNetworkAccess enabled; networkAcls.defaultAction Allow
//   connections: authType required (None assumed absent), isSharedToAll false
//   registries: adminUserEnabled false, anonymousPullEnabled false
//   searchServices (Microsoft.Search 2023-11-01): publicNetworkAccess enabled; disableLocalAuth false;
//     networkRuleSet.ipRules empty (every address)

func workspace(m *azure.Model, d Document) {
	p := props(d)
	ws := &azure.Workspace{
		Resource:            d.Res,
		Identities:          identities(d),
		Kind:                str(d, arm.Lookup(d.Body, "kind"), "Default"),
		PublicNetworkAccess: enabled(d, arm.Lookup(p, "publicNetworkAccess"), true),
		HighBusinessImpact:  boolean(d, arm.Lookup(p, "hbiWorkspace"), false),
		IsolationMode:       str(d, arm.Lookup(p, "managedNetwork", "isolationMode"), azure.IsolationDisabled),
		StorageAuth:         str(d, arm.Lookup(p, "systemDatastoresAuthMode"), "AccessKey"),
		StorageAccount:      ref(d, arm.Lookup(p, "storageAccount")),
		KeyVault:            ref(d, arm.Lookup(p, "keyVault")),
		Hub:                 ref(d, arm.Lookup(p, "hubResourceId")),
	}
	ws.CMK = ref(d, arm.Lookup(p, "encryption", "keyVaultProperties", "keyIdentifier"))
	if status := str(d, arm.Lookup(p, "encryption", "status"), "Enabled"); strings.EqualFold(status.Value, "Disabled") {
		ws.CMK = model.Ref{Meta: status.Meta}
	}
	noPublic := arm.Lookup(p, "serverlessComputeSettings", "serverlessComputeNoPublicIP")
	nb := boolean(d, noPublic, true)
	ws.ServerlessPublicIP = model.Bool{Meta: nb.Meta, Value: !nb.Value}
	m.Workspaces = append(m.Workspaces, ws)
	if rules := arm.Lookup(p, "managedNetwork", "outboundRules"); rules != nil && rules.Kind == node.Map {
		for _, name := range rules.Keys {
			r := rules.Map[name]
			res := model.Resource{Address: d.Res.Address + "/outboundRules/" + name,
				Type: "Microsoft.MachineLearningServices/workspaces/outboundRules", Range: r.Range, Format: d.Res.Format}
			addRule(m, Document{Res: res, Body: r}, r)
		}
	}
}

func outboundRule(m *azure.Model, d Document) { addRule(m, d, props(d)) }

func addRule(m *azure.Model, d Document, p *node.Value) {
	r := &azure.OutboundRule{Resource: d.Res, Type: str(d, arm.Lookup(p, "type"), "")}
	dest := arm.Lookup(p, "destination")
	if dest != nil && dest.Kind == node.Map {
		dest = arm.Lookup(dest, "serviceTag")
	}
	r.Destination = str(d, dest, "")
	m.OutboundRules = append(m.OutboundRules, r)
}

func compute(m *azure.Model, d Document) {
	p := props(d)
	typ, _ := arm.Lookup(p, "computeType").Text()
	c := &azure.Compute{Resource: d.Res, Workspace: d.Parent, Identities: identities(d)}
	inner := arm.Lookup(p, "properties")
	switch {
	case strings.EqualFold(typ, azure.ComputeInstance):
		c.Kind = azure.ComputeInstance
		c.SSHPublic = enabled(d, arm.Lookup(inner, "sshSettings", "sshPublicAccess"), false)
	case strings.EqualFold(typ, azure.ComputeCluster):
		c.Kind = azure.ComputeCluster
		c.SSHPublic = clusterSSH(d, inner)
		c.AdminPassword = str(d, arm.Lookup(inner, "userAccountCredentials", "adminUserPassword"), "")
	case strings.EqualFold(typ, "AKS"):
		c.Kind = azure.ComputeInference
		status := str(d, arm.Lookup(inner, "sslConfiguration", "status"), "Disabled")
		c.TLS = model.Bool{Meta: status.Meta, Value: !strings.EqualFold(status.Value, "Disabled")}
	default:
		return // attached computes (Kubernetes, Databricks, VMs, ...) are configured where they live
	}
	c.LocalAuth = not(boolean(d, arm.Lookup(p, "disableLocalAuth"), false))
	if c.Kind != azure.ComputeInference {
		c.NodePublicIP = boolean(d, arm.Lookup(inner, "enableNodePublicIp"), true)
		c.Subnet = ref(d, arm.Lookup(inner, "subnet", "id"))
	} else {
		// Inference clusters run in their AKS cluster's network.
		c.NodePublicIP = model.Bool{Meta: model.Meta{Range: d.Res.Range}}
		c.Subnet = model.Ref{Meta: model.Meta{Range: d.Res.Range}}
	}
	m.Computes = append(m.Computes, c)
}

// clusterSSH reads remoteLoginPortPublicAccess. NotSpecified (the default)
// leaves the SSH port open on nodes outside a virtual network, which matters
// when the cluster has an administrator account to log in with.
func clusterSSH(d Document, inner *node.Value) model.Bool {
	v := arm.Lookup(inner, "remoteLoginPortPublicAccess")
	s := str(d, v, "NotSpecified")
	if !s.Known() || !strings.EqualFold(s.Value, "NotSpecified") {
		return enabled(d, v, false)
	}
	subnet := ref(d, arm.Lookup(inner, "subnet", "id"))
	creds := arm.Lookup(inner, "userAccountCredentials")
	key, pw := arm.Lookup(creds, "adminUserSshPublicKey"), arm.Lookup(creds, "adminUserPassword")
	switch {
	case !subnet.Known():
		return model.Bool{Meta: subnet.Meta}
	case subnet.IsSet() || key == nil && pw == nil:
		return model.Bool{Meta: s.Meta}
	}
	// That an administrator account exists is known even when its name or
	// password comes from a parameter.
	at := creds.Range
	if v != nil {
		at = v.Range
	}
	return model.Bool{Meta: model.Meta{Range: at, Explicit: true}, Value: true}
}

func datastore(m *azure.Model, d Document) {
	p := props(d)
	creds := arm.Lookup(p, "credentials")
	ds := &azure.Datastore{Resource: d.Res, Workspace: d.Parent, Credentials: map[string]model.Ref{}}
	secrets := arm.Lookup(creds, "secrets")
	for name, key := range map[string]string{"key": "account_key", "sasToken": "shared_access_signature",
		"clientSecret": "client_secret", "certificate": "certificate"} {
		if v := arm.Lookup(secrets, name); v != nil && v.Kind != node.Null {
			ds.Credentials[key] = ref(d, v)
		}
	}
	m.Datastores = append(m.Datastores, ds)
}

func connection(m *azure.Model, d Document) {
	p := props(d)
	c := &azure.Connection{Resource: d.Res, Workspace: d.Parent, Credentials: map[string]model.Ref{},
		AuthType: str(d, arm.Lookup(p, "authType"), "None"),
		Shared:   boolean(d, arm.Lookup(p, "isSharedToAll"), false)}
	secretLeaves(d, arm.Lookup(p, "credentials"), "", c.Credentials)
	m.Connections = append(m.Connections, c)
}

// secretLeaves collects the values below a credentials object by path,
// skipping the names of identities, which are no secrets.
func secretLeaves(d Document, v *node.Value, path string, out map[string]model.Ref) {
	if v == nil || len(out) > 64 {
		return
	}
	if v.Kind != node.Map {
		if v.Kind != node.Null {
			out[path] = ref(d, v)
		}
		return
	}
	for _, k := range v.Keys {
		switch strings.ToLower(k) {
		case "clientid", "tenantid", "resourceid", "username", "accesskeyid", "authurl":
			continue
		}
		p := k
		if path != "" {
			p = path + "." + k
		}
		secretLeaves(d, v.Map[k], p, out)
	}
}

func registry(m *azure.Model, d Document) {
	p := props(d)
	m.Registries = append(m.Registries, &azure.Registry{Resource: d.Res,
		AdminEnabled:  boolean(d, arm.Lookup(p, "adminUserEnabled"), false),
		AnonymousPull: boolean(d, arm.Lookup(p, "anonymousPullEnabled"), false)})
}

func onlineEndpoint(m *azure.Model, d Document) {
	p := props(d)
	auth := str(d, arm.Lookup(p, "authMode"), "")
	if !auth.Explicit {
		auth.Unknown = true // required by the API: absent, the deployment fails
	}
	m.OnlineEndpoints = append(m.OnlineEndpoints, &azure.OnlineEndpoint{Resource: d.Res, Workspace: d.Parent, AuthMode: auth, Identities: identities(d),
		PublicNetworkAccess: enabled(d, arm.Lookup(p, "publicNetworkAccess"), true)})
}

func onlineDeployment(m *azure.Model, d Document) {
	m.Deployments = append(m.Deployments, &azure.OnlineDeployment{Resource: d.Res, Endpoint: d.Parent,
		EgressPublic: enabled(d, arm.Lookup(props(d), "egressPublicNetworkAccess"), true),
		Env:          stringMap(d, arm.Lookup(props(d), "environmentVariables"))})
}

// roleAssignment reads a role assignment; the role is named by its
// built-in role definition ID (subscriptionResourceId(...) keeps the GUID
// in its text even though the subscription is unknown).
func roleAssignment(m *azure.Model, d Document) {
	p := props(d)
	def := arm.Lookup(p, "roleDefinitionId")
	role := model.String{Meta: meta(d, def)}
	switch {
	case def == nil:
		role.Unknown = true // required by the API
	case def.Kind == node.String || def.Kind == node.Unknown && def.Str != "":
		if name := azure.RoleName(def.Str); name != "" {
			role = model.String{Meta: model.Meta{Range: def.Range, Explicit: true}, Value: name}
		} else if def.Kind == node.String {
			role.Value = def.Str // a custom role or another built-in one
		} else {
			role.Unknown = true
		}
	default:
		role.Unknown = true
	}
	m.RoleAssignments = append(m.RoleAssignments, &azure.RoleAssignment{Resource: d.Res, Role: role,
		Principal: ref(d, arm.Lookup(p, "principalId")), Scope: ref(d, arm.Lookup(d.Body, "scope"))})
}

// stringMap reads an object of strings (environment variables).
func stringMap(d Document, v *node.Value) model.StringMap {
	sm := model.StringMap{Meta: meta(d, v), Values: map[string]model.String{}}
	if v == nil || v.Kind != node.Map {
		if v != nil && v.Kind == node.Unknown {
			sm.Unknown = true
		}
		return sm
	}
	for _, k := range v.Keys {
		sm.Values[k] = str(d, v.Map[k], "")
	}
	return sm
}

// defenderPlan reads a Defender for Cloud plan: its name, the last part
// of its address, is the plan.
func defenderPlan(m *azure.Model, d Document) {
	plan := model.String{Meta: model.Meta{Range: d.Res.Range, Explicit: true}, Value: lastSegment(d.Res.Address)}
	if unknown.In(plan.Value) || strings.Contains(plan.Value, "[") {
		plan.Unknown = true // a name computed by an expression
	}
	m.DefenderPlans = append(m.DefenderPlans, &azure.DefenderPlan{Resource: d.Res,
		Plan: plan, Tier: str(d, arm.Lookup(props(d), "pricingTier"), "")})
}

func searchService(m *azure.Model, d Document) {
	p := props(d)
	s := &azure.SearchService{Resource: d.Res,
		PublicNetworkAccess: enabled(d, arm.Lookup(p, "publicNetworkAccess"), true),
		LocalAuth:           not(boolean(d, arm.Lookup(p, "disableLocalAuth"), false)),
	}
	rules := arm.Lookup(p, "networkRuleSet", "ipRules")
	s.AllowedIPs = model.Refs{Meta: meta(d, rules)}
	if rules != nil && rules.Kind == node.List {
		for _, r := range rules.List {
			s.AllowedIPs.Items = append(s.AllowedIPs.Items, model.Ref{Meta: meta(d, r), Value: str(d, arm.Lookup(r, "value"), "").Value})
		}
	}
	m.SearchServices = append(m.SearchServices, s)
}

func aiAccount(m *azure.Model, d Document) {
	p := props(d)
	a := &azure.AIAccount{Resource: d.Res, Identities: identities(d),
		Kind:                 str(d, arm.Lookup(d.Body, "kind"), ""),
		PublicNetworkAccess:  enabled(d, arm.Lookup(p, "publicNetworkAccess"), true),
		NetworkDefaultAction: str(d, arm.Lookup(p, "networkAcls", "defaultAction"), "Allow"),
		LocalAuth:            not(boolean(d, arm.Lookup(p, "disableLocalAuth"), false)),
		CustomSubdomain:      str(d, arm.Lookup(p, "customSubDomainName"), ""),
		OutboundRestricted:   boolean(d, arm.Lookup(p, "restrictOutboundNetworkAccess"), false),
	}
	src := str(d, arm.Lookup(p, "encryption", "keySource"), "Microsoft.CognitiveServices")
	switch {
	case !src.Known():
		a.CMK = model.Ref{Meta: src.Meta}
	case strings.EqualFold(src.Value, "Microsoft.KeyVault"):
		a.CMK = ref(d, arm.Lookup(p, "encryption", "keyVaultProperties", "keyName"))
	default:
		a.CMK = model.Ref{Meta: src.Meta}
	}
	m.AIAccounts = append(m.AIAccounts, a)
}

// raiPolicy reads a content filtering policy; a filter's enabled and
// blocking flags are required by the API, so an absent one is unknown.
func raiPolicy(m *azure.Model, d Document) {
	p := &azure.RAIPolicy{Resource: d.Res, Account: d.Parent}
	if fs := arm.Lookup(props(d), "contentFilters"); fs != nil && fs.Kind == node.List {
		for _, f := range fs.List {
			fd := Document{Res: model.Resource{Address: d.Res.Address, Type: d.Res.Type, Range: f.Range, Format: d.Res.Format}, Body: f}
			cf := azure.ContentFilter{Name: str(fd, arm.Lookup(f, "name"), ""), Source: str(fd, arm.Lookup(f, "source"), ""),
				Enabled: Required(boolean(fd, arm.Lookup(f, "enabled"), true)), Blocking: Required(boolean(fd, arm.Lookup(f, "blocking"), true))}
			p.Filters = append(p.Filters, cf)
		}
	}
	m.RAIPolicies = append(m.RAIPolicies, p)
}

func storageAccount(m *azure.Model, d Document) {
	p := props(d)
	m.StorageAccounts = append(m.StorageAccounts, &azure.StorageAccount{Resource: d.Res,
		NestedPublic:         boolean(d, arm.Lookup(p, "allowBlobPublicAccess"), false),
		MinTLS:               str(d, arm.Lookup(p, "minimumTlsVersion"), ""),
		HTTPSOnly:            boolean(d, arm.Lookup(p, "supportsHttpsTrafficOnly"), true),
		SharedKey:            boolean(d, arm.Lookup(p, "allowSharedKeyAccess"), true),
		PublicNetworkAccess:  enabled(d, arm.Lookup(p, "publicNetworkAccess"), true),
		NetworkDefaultAction: str(d, arm.Lookup(p, "networkAcls", "defaultAction"), "Allow"),
		Name:                 nameOf(d),
		CMK:                  storageKey(d, p),
	})
}

// nameOf is a top-level resource's name, from its address (templates keep
// the name there, not in the body); unknown when an expression or a value
// known only at deployment is part of it.
func nameOf(d Document) model.String {
	name, ok := strings.CutPrefix(d.Res.Address, d.Type+"/")
	if !ok || name == "" || strings.ContainsAny(name, "[/") || unknown.In(name) {
		return model.String{Meta: model.Meta{Range: d.Res.Range, Explicit: true, Unknown: true}}
	}
	return model.String{Meta: model.Meta{Range: d.Res.Range, Explicit: true}, Value: name}
}

// storageKey reads the key an account encrypts with: encryption.keySource
// Microsoft.Keyvault names it in keyvaultproperties; Microsoft.Storage (the
// default) is Microsoft-managed keys.
func storageKey(d Document, p *node.Value) model.Ref {
	src := str(d, arm.Lookup(p, "encryption", "keySource"), "Microsoft.Storage")
	switch {
	case !src.Known():
		return model.Ref{Meta: src.Meta}
	case strings.EqualFold(src.Value, "Microsoft.Keyvault"):
		key := ref(d, arm.Lookup(p, "encryption", "keyvaultproperties", "keyname"))
		if key.Absent() {
			return model.Ref{Meta: src.Meta, Value: src.Value} // the API refuses it without a key: written, so set
		}
		return key
	}
	return model.Ref{Meta: src.Meta}
}

// diagnosticSetting reads an extension diagnostic setting (its scope is the
// monitored resource; none means the deployment's resource group or
// subscription) or one nested under a blob service by its type and name.
func diagnosticSetting(m *azure.Model, d Document) {
	ds := &azure.DiagnosticSetting{Resource: d.Res, LogsKnown: true}
	if strings.Contains(strings.ToLower(d.Type), "/blobservices/") {
		ds.Target = model.Ref{Meta: model.Meta{Range: d.Res.Range, Explicit: true}, Value: d.Res.Address}
	} else if scope := arm.Lookup(d.Body, "scope"); scope != nil {
		ds.Target = ref(d, scope)
	} else {
		ds.Target = model.Ref{Meta: model.Meta{Range: d.Res.Range}, Value: "resourceGroup()"}
	}
	logs := arm.Lookup(props(d), "logs")
	switch {
	case logs == nil:
	case logs.Kind != node.List:
		ds.LogsKnown = false
	default:
		for _, l := range logs.List {
			on := boolean(d, arm.Lookup(l, "enabled"), false)
			name := str(d, arm.Lookup(l, "category"), "")
			group := str(d, arm.Lookup(l, "categoryGroup"), "")
			if !on.Known() || !name.Known() || !group.Known() {
				ds.LogsKnown = false
				continue
			}
			if on.Value {
				ds.Logs = append(ds.Logs, cmp.Or(name.Value, group.Value))
			}
		}
	}
	m.DiagnosticSettings = append(m.DiagnosticSettings, ds)
}

func keyVault(m *azure.Model, d Document) {
	p := props(d)
	m.KeyVaults = append(m.KeyVaults, &azure.KeyVault{Resource: d.Res,
		PurgeProtection:      boolean(d, arm.Lookup(p, "enablePurgeProtection"), false),
		PublicNetworkAccess:  enabled(d, arm.Lookup(p, "publicNetworkAccess"), true),
		NetworkDefaultAction: str(d, arm.Lookup(p, "networkAcls", "defaultAction"), "Allow"),
	})
}

// privateEndpoint reads the resources an endpoint's connections reach,
// automatic and manual.
func privateEndpoint(m *azure.Model, d Document) {
	p := props(d)
	pe := &azure.PrivateEndpoint{Resource: d.Res}
	for _, key := range []string{"privateLinkServiceConnections", "manualPrivateLinkServiceConnections"} {
		conns := arm.Lookup(p, key)
		if conns == nil || conns.Kind != node.List {
			continue
		}
		for _, c := range conns.List {
			pe.Targets = append(pe.Targets, ref(d, arm.Lookup(c, "properties", "privateLinkServiceId")))
		}
	}
	m.PrivateEndpoints = append(m.PrivateEndpoints, pe)
}
