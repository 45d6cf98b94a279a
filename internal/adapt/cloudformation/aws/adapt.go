// Package aws adapts CloudFormation templates into the typed AWS model.
//
// CloudFormation and the Terraform AWS provider describe the same AWS APIs
// with different spellings (KmsKeyId and kms_key_id) and, for a few resources,
// different shapes (a CloudFormation bucket carries its encryption, the
// provider splits it into another resource). This adapter translates each
// resource onto the provider's type and attribute names, then hands the result
// to the Terraform AWS adapter, so that the API defaults and the links between
// resources are read in one place for both formats. Where the provider's
// default differs from the CloudFormation one, the translation writes the
// CloudFormation default explicitly.
package aws

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	tfaws "github.com/mlguard/mlguard/internal/adapt/terraform/aws"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	cfn "github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// Adapt builds the AWS model of one template.
func Adapt(t *cfn.Template) *aws.Model {
	ids := map[*terraform.Resource]model.Resource{}
	var docs []*terraform.Resource
	for _, r := range t.Resources {
		m, ok := mappings[r.Type]
		if !ok {
			continue
		}
		id := model.Resource{Address: r.LogicalID, Type: r.Type, Range: r.Range, Format: cfn.Format, Construct: r.ConstructPath, Tags: tags(r.Properties)}
		for _, d := range m.documents(r) {
			ids[d] = id
			docs = append(docs, d)
		}
	}
	return tfaws.AdaptAs(docs, func(d *terraform.Resource) model.Resource { return ids[d] })
}

// mapping translates one CloudFormation resource type.
type mapping struct {
	tf string // the provider's resource type
	// renames gives the provider name of a property, by its path of
	// CloudFormation names ("Policies.PolicyName"), where snake_case of the
	// CloudFormation name is not it.
	renames map[string]string
	// policies are the paths of policy documents: objects in CloudFormation,
	// JSON strings in the provider.
	policies []string
	// lists are the paths of single values the provider takes as a list
	// (a security group rule's CidrIp becomes cidr_blocks).
	lists []string
	// maps are the paths of free-form maps (environment variables, tags):
	// attributes in the provider, not nested blocks.
	maps []string
	// values maps CloudFormation enumerations onto the provider's spelling
	// (AccessControl: PublicRead -> acl = "public-read").
	values map[string]map[string]string
	// split replaces the default one-to-one translation for resources the
	// provider models as several (an IAM policy and its attachments).
	split func(m mapping, r *cfn.Resource) []*terraform.Resource
}

func (m mapping) documents(r *cfn.Resource) []*terraform.Resource {
	if m.split != nil {
		return m.split(m, r)
	}
	return []*terraform.Resource{m.document(m.tf, r, r.Properties)}
}

// document translates properties into a provider-shaped document of type tf.
func (m mapping) document(tf string, r *cfn.Resource, props *cfn.Value) *terraform.Resource {
	body := &terraform.Block{Type: tf, Range: r.Range, Attrs: map[string]*terraform.Attr{}}
	if props != nil && props.Kind == cfn.Map {
		m.fill(body, props, "")
	} else if props != nil && props.Kind == cfn.Unknown {
		body.Unknown = true
	}
	return &terraform.Resource{
		Address: r.LogicalID, Mode: "managed", Type: tf, Name: r.LogicalID,
		Range: r.Range, Body: body, Format: cfn.Format, CountUnknown: r.ConditionUnknown,
	}
}

// fill translates the keys of a CloudFormation map into b: maps and lists of
// maps become nested blocks, everything else attributes.
func (m mapping) fill(b *terraform.Block, v *cfn.Value, path string) {
	for _, k := range v.Keys {
		cv := v.Map[k]
		p := k
		if path != "" {
			p = path + "." + k
		}
		name := m.name(p, k)
		switch {
		case m.isPolicy(p):
			b.Attrs[name] = policyAttr(name, cv)
		case contains(m.lists, p) && cv.Kind != cfn.List:
			b.Attrs[name] = &terraform.Attr{Name: name, Value: cty.TupleVal([]cty.Value{toCty(cv)}), Refs: cv.AllRefs(), Range: cv.Range}
		case m.values[p] != nil && cv.Kind == cfn.String:
			spelled := *cv
			if v, ok := m.values[p][cv.Str]; ok {
				spelled.Str = v
			}
			b.Attrs[name] = &terraform.Attr{Name: name, Value: toCty(&spelled), Refs: cv.AllRefs(), Range: cv.Range}
		case cv.Kind == cfn.Map && contains(m.maps, p):
			b.Attrs[name] = &terraform.Attr{Name: name, Value: toCty(cv), Refs: cv.AllRefs(), Range: cv.Range}
		case cv.Kind == cfn.Map:
			nb := &terraform.Block{Type: name, Range: cv.Range, Attrs: map[string]*terraform.Attr{}}
			m.fill(nb, cv, p)
			b.Blocks = append(b.Blocks, nb)
		case cv.Kind == cfn.List && len(cv.List) > 0 && allMaps(cv.List):
			for _, e := range cv.List {
				nb := &terraform.Block{Type: name, Range: e.Range, Attrs: map[string]*terraform.Attr{}}
				m.fill(nb, e, p)
				b.Blocks = append(b.Blocks, nb)
			}
		default:
			b.Attrs[name] = &terraform.Attr{Name: name, Value: toCty(cv), Refs: cv.AllRefs(), Range: cv.Range}
		}
	}
}

func (m mapping) name(path, key string) string {
	if n, ok := m.renames[path]; ok {
		return n
	}
	return snake(key)
}

func (m mapping) isPolicy(path string) bool { return contains(m.policies, path) }

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// policyAttr renders a JSON document (a policy, a pipeline definition) as
// the JSON string the provider takes. Unknown parts (a GetAtt ARN, a pseudo
// parameter in Fn::Sub) are written as placeholders, as for HCL's jsonencode,
// so the rest stays readable. A document given as a known JSON string is kept
// as it is.
func policyAttr(name string, v *cfn.Value) *terraform.Attr {
	a := &terraform.Attr{Name: name, Refs: v.AllRefs(), Range: v.Range}
	switch {
	case v.Kind == cfn.Map || v.Kind == cfn.List:
		a.Value = cty.StringVal(v.JSON())
	case v.Kind == cfn.Unknown && v.Str != "":
		a.Value = cty.StringVal(v.Str)
	default:
		a.Value = toCty(v)
	}
	return a
}

func allMaps(vs []*cfn.Value) bool {
	for _, v := range vs {
		if v.Kind != cfn.Map {
			return false
		}
	}
	return true
}

// toCty converts a CloudFormation value to the cty value the provider
// adapters read.
func toCty(v *cfn.Value) cty.Value {
	switch v.Kind {
	case cfn.String:
		return cty.StringVal(v.Str)
	case cfn.Number:
		if n, err := cty.ParseNumberVal(v.Str); err == nil {
			return n
		}
		return cty.StringVal(v.Str)
	case cfn.Bool:
		return cty.BoolVal(v.Bool)
	case cfn.List:
		if len(v.List) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(v.List))
		for i, e := range v.List {
			elems[i] = toCty(e)
		}
		return cty.TupleVal(elems)
	case cfn.Map:
		attrs := make(map[string]cty.Value, len(v.Map))
		for k, e := range v.Map {
			attrs[k] = toCty(e) // free-form maps keep their keys
		}
		return cty.ObjectVal(attrs)
	case cfn.Unknown:
		return cty.DynamicVal
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// snake converts a CloudFormation property name to the provider's spelling:
// KmsKeyId -> kms_key_id, DestinationS3Uri -> destination_s3_uri,
// IAMRole -> iam_role.
func snake(s string) string {
	var sb strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 {
			prev := rs[i-1]
			prevLowerOrDigit := (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9')
			nextLower := i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z'
			prevUpper := prev >= 'A' && prev <= 'Z'
			if prevLowerOrDigit || (prevUpper && nextLower) {
				sb.WriteByte('_')
			}
		}
		if upper {
			r += 'a' - 'A'
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// tags reads a resource's Tags, a list of {Key, Value} whose known entries
// it keeps.
func tags(props *cfn.Value) map[string]string {
	if props == nil || props.Kind != cfn.Map || props.Map["Tags"] == nil || props.Map["Tags"].Kind != cfn.List {
		return nil
	}
	var out map[string]string
	for _, t := range props.Map["Tags"].List {
		if t.Kind != cfn.Map || t.Map["Key"] == nil || t.Map["Value"] == nil || t.Map["Key"].Kind != cfn.String || t.Map["Value"].Kind != cfn.String {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[t.Map["Key"].Str] = t.Map["Value"].Str
	}
	return out
}
