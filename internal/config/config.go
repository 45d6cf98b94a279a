// Package config reads .mlguard.yaml, the per-repository settings found at the
// root of a scan: disabled rules, excluded paths, severity overrides, ignores
// with reasons and expiry dates, and whether inline suppressions are allowed.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// FileName is the name of the settings file at a scan root.
const FileName = ".mlguard.yaml"

// Config is the content of .mlguard.yaml.
type Config struct {
	DisabledRules      []string                 `yaml:"disabled_rules"`
	ExcludePaths       []string                 `yaml:"exclude_paths"`
	SeverityOverrides  map[string]rule.Severity `yaml:"severity_overrides"`
	InlineSuppressions *bool                    `yaml:"inline_suppressions"` // default true
	Ignore             []Ignore                 `yaml:"ignore"`
	// Data holds the settings of `mlguard data scan`.
	Data Data `yaml:"data"`
	// DataClassification maps a bucket name or a storage URI prefix to what
	// it holds (info types, or "personal"), for the rules that hold storage
	// of personal data to stricter controls.
	DataClassification map[string]Classes `yaml:"data_classification"`
	// Accounts maps a directory (relative to the settings file) to the AWS
	// account it deploys to; Organization and Tenants describe the
	// organization (mlguard access).
	Accounts     map[string]AccountSetting `yaml:"accounts"`
	Organization Organization              `yaml:"organization"`
	Tenants      map[string]Tenant         `yaml:"tenants"`
	// Classification is DataClassification read, each entry naming its line.
	Classification *dataclass.Map `yaml:"-"`
	// File is the name the settings were read from; Rules lists each rule
	// ID they name, with its line, so that a misspelt one can be reported.
	File  string    `yaml:"-"`
	Rules []RuleRef `yaml:"-"`
}

// Classes are the classes of a data_classification entry: one name or a list.
type Classes []string

// UnmarshalYAML accepts a single class as well as a list.
func (c *Classes) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*c = Classes{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*c = list
	return nil
}

// RuleRef is a rule ID named in the settings.
type RuleRef struct {
	ID   string
	Line int
	Key  string // disabled_rules, severity_overrides or ignore
}

// Ignore suppresses findings of a rule, optionally only for some resources or
// paths, until an optional expiry date.
type Ignore struct {
	Rule     string `yaml:"rule"`
	Resource string `yaml:"resource"` // glob over addresses; empty means any
	Path     string `yaml:"path"`     // glob over file paths; empty means any
	Reason   string `yaml:"reason"`
	Expires  string `yaml:"expires"` // YYYY-MM-DD; expired ignores no longer apply
	Line     int    `yaml:"-"`       // where the entry starts
}

// Data are the settings of `mlguard data scan`.
type Data struct {
	// Accept lists columns or info types that are known and allowed under
	// a path, each with a reason, like an inline suppression.
	Accept []DataAccept `yaml:"accept"`
}

// DataAccept accepts an info type, a column, or both, in datasets under a
// path glob.
type DataAccept struct {
	Path   string `yaml:"path"`
	Column string `yaml:"column"`
	Type   string `yaml:"type"`
	Reason string `yaml:"reason"`
}

// MaxFileBytes bounds the settings file; settings are written by hand.
const MaxFileBytes = 1 << 20

// Load reads FileName from the root of fsys. A missing file is an empty config.
func Load(fsys fs.FS, root string) (*Config, error) {
	p := path.Join(root, FileName)
	data, err := source.ReadFile(fsys, p, MaxFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return &Config{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return Parse(p, data)
}

// Parse decodes a config, refusing unknown keys so that typos are not silently ignored.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{File: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		msg := source.DecodeError(data, err)
		if strings.Contains(msg, "unknown key") {
			msg += " (the settings are disabled_rules, exclude_paths, severity_overrides, inline_suppressions, ignore, data, data_classification, accounts, organization and tenants)"
		}
		return nil, fmt.Errorf("%s: %s", name, msg)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err == nil {
		c.locate(&doc)
	}
	if err := c.classify(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, a := range c.Data.Accept {
		if a.Reason == "" || a.Column == "" && a.Type == "" {
			return nil, fmt.Errorf("%s: data.accept entry %d needs a reason and a column or a type", name, i+1)
		}
	}
	for i, ig := range c.Ignore {
		if ig.Rule == "" {
			return nil, fmt.Errorf("%s: ignore entry %d has no rule", name, i+1)
		}
		if ig.Expires != "" {
			if _, err := time.Parse(time.DateOnly, ig.Expires); err != nil {
				return nil, fmt.Errorf("%s: ignore entry %d: expires must be YYYY-MM-DD: %w", name, i+1, err)
			}
		}
	}
	return c, nil
}

// locate records the line of every rule ID and ignore entry.
func (c *Config) locate(doc *yaml.Node) {
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return
	}
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		key, val := top[i].Value, top[i+1]
		switch key {
		case "disabled_rules":
			for _, n := range val.Content {
				c.Rules = append(c.Rules, RuleRef{ID: n.Value, Line: n.Line, Key: key})
			}
		case "severity_overrides":
			for j := 0; j+1 < len(val.Content); j += 2 {
				c.Rules = append(c.Rules, RuleRef{ID: val.Content[j].Value, Line: val.Content[j].Line, Key: key})
			}
		case "ignore":
			for j, entry := range val.Content {
				if j < len(c.Ignore) {
					c.Ignore[j].Line = entry.Line
					c.Rules = append(c.Rules, RuleRef{ID: c.Ignore[j].Rule, Line: entry.Line, Key: key})
				}
			}
		}
	}
}

// classify reads data_classification into Classification, in the order
// of the file, each entry naming its line.
func (c *Config) classify(doc *yaml.Node) error {
	if len(c.DataClassification) == 0 || len(doc.Content) == 0 {
		return nil
	}
	c.Classification = &dataclass.Map{}
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		if top[i].Value != "data_classification" {
			continue
		}
		entries := top[i+1].Content
		for j := 0; j+1 < len(entries); j += 2 {
			key := entries[j]
			entry, err := classKey(key.Value)
			if err != nil {
				return fmt.Errorf("line %d: data_classification: %w", key.Line, err)
			}
			classes := c.DataClassification[key.Value]
			if len(classes) == 0 {
				return fmt.Errorf("line %d: data_classification %s: name what it holds (%q or info types)", key.Line, key.Value, dataclass.Personal)
			}
			for k, cl := range classes {
				classes[k] = strings.ToUpper(cl)
				if strings.EqualFold(cl, dataclass.Personal) {
					classes[k] = dataclass.Personal
				}
				if !dataclass.Valid(classes[k]) {
					return fmt.Errorf("line %d: data_classification %s: unknown class %q (want %q or an info type: %s)",
						key.Line, key.Value, cl, dataclass.Personal, strings.Join(dataclass.InfoTypes, ", "))
				}
			}
			entry.Classes, entry.Source = classes, fmt.Sprintf("%s:%d", path.Base(c.File), key.Line)
			c.Classification.Add(entry)
		}
	}
	return nil
}

// classKey reads a data_classification key: a location or bucket name, or
// "resource:" and a pattern over resource addresses.
func classKey(key string) (dataclass.Entry, error) {
	if glob, ok := strings.CutPrefix(key, "resource:"); ok {
		if _, err := path.Match(glob, ""); err != nil || glob == "" {
			return dataclass.Entry{}, fmt.Errorf("%q: want resource: and a pattern over addresses (aws_s3_bucket.training, module.data.*)", key)
		}
		return dataclass.Entry{Resource: glob}, nil
	}
	l, err := dataclass.ParseLocation(key)
	return dataclass.Entry{Location: l}, err
}

// Disabled reports whether a rule is disabled.
func (c *Config) Disabled(id string) bool {
	for _, d := range c.DisabledRules {
		if strings.EqualFold(d, id) {
			return true
		}
	}
	return false
}

// InlineAllowed reports whether inline suppression comments are honoured.
func (c *Config) InlineAllowed() bool { return c.InlineSuppressions == nil || *c.InlineSuppressions }

// Excluded reports whether a path (relative to the scan root) is excluded.
func (c *Config) Excluded(p string) bool {
	for _, pat := range c.ExcludePaths {
		if Glob(pat, p) {
			return true
		}
	}
	return false
}

// Ignored returns the ignore entry that covers a finding, if any is in force
// on the given day.
func (c *Config) Ignored(ruleID, resource, file string, today time.Time) *Ignore {
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		if !strings.EqualFold(ig.Rule, ruleID) {
			continue
		}
		if ig.Resource != "" && !Glob(ig.Resource, resource) || ig.Path != "" && !Glob(ig.Path, file) {
			continue
		}
		if Expired(ig.Expires, today) {
			continue
		}
		return ig
	}
	return nil
}

// Expired reports whether a YYYY-MM-DD date is before today.
func Expired(date string, today time.Time) bool {
	if date == "" {
		return false
	}
	d, err := time.Parse(time.DateOnly, date)
	return err == nil && d.Before(today.Truncate(24*time.Hour))
}

// Glob matches slash paths where * matches within one segment and ** matches
// any number of segments.
func Glob(pattern, name string) bool {
	return globParts(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func globParts(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if globParts(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
