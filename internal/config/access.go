package config

import (
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"
)

// AccountSetting is an entry of accounts: the AWS account a directory's
// infrastructure as code deploys to, and its region. It is written as the
// account ID alone, or as {id, region}.
type AccountSetting struct {
	ID     string `yaml:"id"`
	Region string `yaml:"region"`
}

// UnmarshalYAML accepts the account ID alone.
func (a *AccountSetting) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		a.ID = n.Value
		return nil
	}
	type plain AccountSetting
	dec := plain{}
	if err := n.Decode(&dec); err != nil {
		return err
	}
	*a = AccountSetting(dec)
	return nil
}

// Organization is what mlguard access knows of the AWS organization.
type Organization struct {
	ID string `yaml:"id"` // o-…
	// Units maps an organizational unit or root ID (or the Terraform
	// address of an aws_organizations_organizational_unit) to the account
	// IDs under it.
	Units map[string][]string `yaml:"units"`
}

// Tenant is a set of accounts that must not reach another tenant's.
type Tenant struct {
	Accounts []string `yaml:"accounts"`
	Units    []string `yaml:"units"` // keys of organization.units
	// Tags give a principal or asset to the tenant, whatever its account,
	// when it carries every one of them (a shared account's per-tenant
	// buckets).
	Tags map[string]string `yaml:"tags"`
}

// TenantTags returns each tenant's tags, for the tenants that have them.
func (c *Config) TenantTags() map[string]map[string]string {
	out := map[string]map[string]string{}
	for name, t := range c.Tenants {
		if len(t.Tags) > 0 {
			out[name] = t.Tags
		}
	}
	return out
}

// TenantOf returns the tenant of each account ID, refusing an account
// given to two tenants and a unit that organization.units does not list.
func (c *Config) TenantOf() (map[string]string, error) {
	out := map[string]string{}
	names := make([]string, 0, len(c.Tenants))
	for n := range c.Tenants {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t := c.Tenants[name]
		accts := append([]string(nil), t.Accounts...)
		for _, u := range t.Units {
			ids, ok := c.Organization.Units[u]
			if !ok {
				return nil, fmt.Errorf("%s: tenant %s names unit %s, which organization.units does not list", c.File, name, u)
			}
			accts = append(accts, ids...)
		}
		for _, id := range accts {
			if prev, ok := out[id]; ok && prev != name {
				return nil, fmt.Errorf("%s: account %s is in tenants %s and %s", c.File, id, prev, name)
			}
			out[id] = name
		}
	}
	return out, nil
}
