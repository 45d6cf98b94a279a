// Package awscc reads resources of the AWS Cloud Control provider (awscc)
// into the AWS model. awscc resources are CloudFormation resources: the
// type is the CloudFormation type in snake_case (awscc_sagemaker_model is
// AWS::SageMaker::Model) and the attributes are its properties in
// snake_case (kms_key_id is KmsKeyId), nested as objects. Each awscc
// document is turned back into a CloudFormation resource and translated
// as a template's would be, with CloudFormation's defaults, so every AWS
// rule applies to it, from HCL and from plans.
package awscc

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/zclconf/go-cty/cty"

	cfnaws "github.com/mlguard/mlguard/internal/adapt/cloudformation/aws"
	tfaws "github.com/mlguard/mlguard/internal/adapt/terraform/aws"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	cfn "github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// Prefix starts every awscc resource type.
const Prefix = "awscc_"

// types maps awscc resource types onto the CloudFormation types the
// CloudFormation adapter translates. It is derived once from that list.
var types = func() map[string]string {
	out := map[string]string{}
	for _, t := range cfnaws.Types() {
		parts := strings.Split(t, "::") // AWS, SageMaker, NotebookInstance
		// SAM types are a transform's, not the Cloud Control API's.
		if len(parts) == 3 && parts[1] != "Serverless" {
			out[Prefix+strings.ToLower(parts[1])+"_"+cfnaws.Snake(parts[2])] = t
		}
	}
	return out
}()

// CloudFormationType is the CloudFormation type of an awscc resource type,
// or "" when mlguard does not model it.
func CloudFormationType(awsccType string) string { return types[awsccType] }

// Adapt builds the AWS model of a unit's documents: aws_* documents as the
// Terraform adapter reads them, awscc_* documents translated through
// CloudFormation, each finding named by the awscc address and type.
func Adapt(docs []*terraform.Resource) *aws.Model {
	ids := map[*terraform.Resource]model.Resource{}
	out := make([]*terraform.Resource, 0, len(docs))
	for _, d := range docs {
		cfnType := types[d.Type]
		if cfnType == "" || d.Mode != "managed" {
			out = append(out, d)
			continue
		}
		id := model.Resource{Address: d.Address, Type: d.Type, Range: d.Range, Format: d.Format}
		for _, t := range cfnaws.Translate(resource(d, cfnType)) {
			t.Format = d.Format
			ids[t] = id
			out = append(out, t)
		}
	}
	return tfaws.AdaptAs(out, func(d *terraform.Resource) model.Resource {
		if id, ok := ids[d]; ok {
			return id
		}
		return model.Resource{Address: d.Address, Type: d.Type, Range: d.Range, Format: d.Format}
	})
}

// resource turns an awscc document back into the CloudFormation resource
// it stands for; its logical ID is the Terraform address, so links from
// other resources (by address) find it.
func resource(d *terraform.Resource, cfnType string) *cfn.Resource {
	c := &converter{spell: cfnaws.Spellings(cfnType), cfnType: cfnType}
	props := &node.Value{Kind: node.Map, Map: map[string]*node.Value{}, Range: d.Range}
	if d.Body != nil {
		c.block(props, d.Body, "")
	}
	return &cfn.Resource{LogicalID: d.Address, Type: cfnType, Range: d.Range, Properties: props, ConditionUnknown: d.CountUnknown}
}

type converter struct {
	spell   map[string]string
	cfnType string
	attr    *terraform.Attr // the attribute being converted, for the ranges of its parts
}

// name is the CloudFormation spelling of an awscc name: the one the
// translation looks up when it knows it (KMSKeyId), else PascalCase.
func (c *converter) name(snakeName string) string {
	if n, ok := c.spell[cfnaws.Fold(snakeName)]; ok {
		return n
	}
	var sb strings.Builder
	for _, part := range strings.Split(snakeName, "_") {
		if part == "" {
			continue
		}
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		sb.WriteString(string(r))
	}
	return sb.String()
}

// block adds a Terraform block's attributes and nested blocks (plans
// spell some nested attributes as blocks) to a CloudFormation map.
func (c *converter) block(into *node.Value, b *terraform.Block, path string) {
	names := make([]string, 0, len(b.Attrs))
	for n := range b.Attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := b.Attrs[n]
		key, p := c.step(path, n)
		c.attr = a
		if v := c.value(a.Value, p, "", a.Refs); v != nil {
			set(into, key, v)
		}
	}
	// Blocks of one type are one property: a map, or a list of maps when
	// there are several (a plan's security_group_ingress entries).
	lists := map[string]*node.Value{}
	for _, nb := range b.Blocks {
		key, p := c.step(path, nb.Type)
		v := &node.Value{Kind: node.Map, Map: map[string]*node.Value{}, Range: nb.Range}
		c.block(v, nb, p)
		switch prev, ok := into.Map[key]; {
		case !ok:
			set(into, key, v)
		case lists[key] == nil:
			lists[key] = &node.Value{Kind: node.List, List: []*node.Value{prev, v}, Range: prev.Range}
			into.Map[key] = lists[key]
		default:
			lists[key].List = append(lists[key].List, v)
		}
	}
}

func (c *converter) step(path, snakeName string) (key, p string) {
	key = c.name(snakeName)
	if path == "" {
		return key, key
	}
	return key, path + "." + key
}

func set(m *node.Value, key string, v *node.Value) {
	if _, ok := m.Map[key]; !ok {
		m.Keys = append(m.Keys, key)
	}
	m.Map[key] = v
}

// value converts a cty value at a path of CloudFormation names. Every part
// carries the attribute's links (Terraform marks the attribute, not its
// parts). Null is absence, as in a template.
func (c *converter) value(v cty.Value, path, tfPath string, refs []string) *node.Value {
	out := &node.Value{Range: c.attr.RangeOf(tfPath), Refs: refs}
	switch {
	case !v.IsKnown():
		out.Kind = node.Unknown
	case v.IsNull():
		return nil
	case v.Type() == cty.String:
		out.Kind, out.Str = node.String, v.AsString()
	case v.Type() == cty.Number:
		out.Kind, out.Str = node.Number, v.AsBigFloat().Text('f', -1)
	case v.Type() == cty.Bool:
		out.Kind, out.Bool = node.Bool, v.True()
	case v.Type().IsListType() || v.Type().IsSetType() || v.Type().IsTupleType():
		out.Kind = node.List
		for i, it := 0, v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			tp := strconv.Itoa(i)
			if tfPath != "" {
				tp = tfPath + "." + tp
			}
			if ev := c.value(e, path, tp, refs); ev != nil {
				out.List = append(out.List, ev)
			}
		}
	case v.Type().IsMapType() || v.Type().IsObjectType():
		out.Kind, out.Map = node.Map, map[string]*node.Value{}
		free := cfnaws.FreeForm(c.cfnType, path)
		var keys []string
		for it := v.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			keys = append(keys, k.AsString())
		}
		sort.Strings(keys)
		for _, k := range keys {
			var e cty.Value
			if v.Type().IsObjectType() {
				e = v.GetAttr(k)
			} else {
				e = v.Index(cty.StringVal(k))
			}
			key, p := k, path+"."+k
			if !free {
				key, p = c.step(path, k)
			}
			tp := k
			if tfPath != "" {
				tp = tfPath + "." + k
			}
			if ev := c.value(e, p, tp, refs); ev != nil {
				set(out, key, ev)
			}
		}
	default:
		out.Kind = node.Unknown
	}
	return out
}
