package cloudformation

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/source"
	unknownvalue "github.com/mlguard/mlguard/internal/unknown"
)

type intrinsic func(e *evaluator, arg *Value, at source.Range) *Value

var intrinsics map[string]intrinsic

func init() {
	// Set in init because the functions refer back to eval, which reads the table.
	intrinsics = map[string]intrinsic{
		"Ref":              (*evaluator).ref,
		"Condition":        (*evaluator).conditionFn,
		"Fn::GetAtt":       (*evaluator).getAtt,
		"Fn::Sub":          (*evaluator).sub,
		"Fn::Join":         (*evaluator).join,
		"Fn::Select":       (*evaluator).selectFn,
		"Fn::Split":        (*evaluator).split,
		"Fn::FindInMap":    (*evaluator).findInMap,
		"Fn::If":           (*evaluator).ifFn,
		"Fn::Equals":       (*evaluator).equals,
		"Fn::And":          (*evaluator).and,
		"Fn::Or":           (*evaluator).or,
		"Fn::Not":          (*evaluator).not,
		"Fn::Base64":       (*evaluator).base64,
		"Fn::ToJsonString": (*evaluator).toJSON,
		"Fn::Length":       (*evaluator).length,
		// Values only a deployment knows.
		"Fn::ImportValue": (*evaluator).opaque,
		"Fn::GetAZs":      (*evaluator).opaque,
		"Fn::Cidr":        (*evaluator).opaque,
		"Fn::Transform":   (*evaluator).opaque,
	}
}

// pseudo parameters are known only to a deployment, except AWS::NoValue and
// the two that follow from the partition (see partition).
var pseudo = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::Partition": true, "AWS::Region": true,
	"AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

// urlSuffixes are the domain of each partition (AWS::URLSuffix).
var urlSuffixes = map[string]string{"aws": "amazonaws.com", "aws-cn": "amazonaws.com.cn", "aws-us-gov": "amazonaws.com", "aws-iso": "c2s.ic.gov", "aws-iso-b": "sc2s.sgov.gov"}

func (e *evaluator) ref(arg *Value, at source.Range) *Value {
	name, ok := arg.Text()
	if !ok {
		return e.badArgs("Ref", at)
	}
	return e.name(name, at)
}

// name resolves what a Ref or ${Name} names.
func (e *evaluator) name(name string, at source.Range) *Value {
	switch {
	case name == "AWS::NoValue":
		return noValue
	case name == "AWS::Partition":
		// Known: the commercial partition unless --cfn-param says
		// otherwise, so arn:${AWS::Partition}:iam::aws:policy/X is
		// recognised as the managed policy X, as the CDK writes it.
		return &Value{Kind: String, Str: e.partition, Range: at}
	case name == "AWS::URLSuffix" && urlSuffixes[e.partition] != "":
		return &Value{Kind: String, Str: urlSuffixes[e.partition], Range: at}
	case pseudo[name] && e.pseudo[name] != "":
		return &Value{Kind: String, Str: e.pseudo[name], Range: at}
	case pseudo[name]:
		return unknown(at)
	case e.params[name] != nil:
		p := *e.params[name]
		p.Range = at
		return &p
	case e.resources[name]:
		if v := e.deployedValue(name, "", at); v != nil {
			v.Refs = []string{name}
			return v
		}
		return unknown(at, name)
	}
	e.warn(at, "Unresolved CloudFormation reference", "%q is not a parameter, a resource or a pseudo parameter of this template (a transform may create it); the value is treated as unknown", name)
	return unknown(at)
}

func (e *evaluator) conditionFn(arg *Value, at source.Range) *Value {
	name, ok := arg.Text()
	if !ok {
		return e.badArgs("Condition", at)
	}
	v := *e.condition(name, at)
	v.Range = at
	return &v
}

func (e *evaluator) getAtt(arg *Value, at source.Range) *Value {
	var id string
	var attr string
	switch arg.Kind {
	case String:
		id, attr, _ = strings.Cut(arg.Str, ".")
	case List:
		if len(arg.List) > 0 {
			id, _ = arg.List[0].Text()
		}
		if len(arg.List) > 1 {
			attr, _ = arg.List[1].Text()
		}
	}
	if id == "" {
		return e.badArgs("Fn::GetAtt", at)
	}
	if !e.resources[id] {
		e.warn(at, "Unresolved CloudFormation reference", "Fn::GetAtt names %q, which is not a resource of this template; the value is treated as unknown", id)
		return unknown(at)
	}
	if v := e.deployedValue(id, attr, at); v != nil && attr != "" {
		v.Refs = []string{id}
		return v
	}
	return unknown(at, id)
}

func (e *evaluator) opaque(arg *Value, at source.Range) *Value {
	return unknown(at, e.eval(arg).AllRefs()...)
}

// sub evaluates Fn::Sub. An unknown part makes the result unknown, but its
// text is kept with the unknown parts marked, as for HCL templates.
func (e *evaluator) sub(arg *Value, at source.Range) *Value {
	tmpl, vars := arg, map[string]*Value{}
	if arg.Kind == List {
		if len(arg.List) != 2 || arg.List[1].Kind != Map {
			return e.badArgs("Fn::Sub", at)
		}
		tmpl = arg.List[0]
		for k, v := range arg.List[1].Map {
			vars[k] = e.eval(v)
		}
	}
	s, ok := tmpl.Text()
	if !ok {
		return e.badArgs("Fn::Sub", at)
	}
	var sb strings.Builder
	known := true
	var refs []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			sb.WriteString(s)
			break
		}
		sb.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			sb.WriteString(s[i:])
			break
		}
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") {
			sb.WriteString("${" + name[1:] + "}")
			continue
		}
		v, ok := vars[name]
		if !ok {
			if id, attr, dotted := strings.Cut(name, "."); dotted && e.resources[id] {
				if v = e.deployedValue(id, attr, at); v != nil {
					v.Refs = []string{id}
				} else {
					v = unknown(at, id)
				}
			} else {
				v = e.name(name, at)
			}
		}
		refs = append(refs, v.Refs...)
		if text, ok := v.Text(); ok {
			sb.WriteString(text)
		} else {
			known = false
			sb.WriteString(unknownvalue.Placeholder)
		}
	}
	if !known {
		return &Value{Kind: Unknown, Str: sb.String(), Range: at, Refs: refs}
	}
	return &Value{Kind: String, Str: sb.String(), Range: at, Refs: refs}
}

// args evaluates a list argument of exactly n elements.
func (e *evaluator) args(fn string, arg *Value, n int, at source.Range) ([]*Value, bool) {
	if arg.Kind != List || len(arg.List) != n {
		e.badArgs(fn, at)
		return nil, false
	}
	out := make([]*Value, n)
	for i, a := range arg.List {
		out[i] = e.eval(a)
	}
	return out, true
}

func (e *evaluator) join(arg *Value, at source.Range) *Value {
	a, ok := e.args("Fn::Join", arg, 2, at)
	if !ok {
		return unknown(at)
	}
	delim, ok := a[0].Text()
	if !ok || a[1].Kind != List {
		return unknown(at, a[1].AllRefs()...)
	}
	// Unknown parts (AWS::Region, a resource's ARN) keep their place as
	// placeholders, as in Fn::Sub, so the known parts of an ARN stay
	// readable: arn:aws:s3:::${Bucket}/* is still an S3 object ARN.
	parts := make([]string, 0, len(a[1].List))
	known := true
	for _, p := range a[1].List {
		s, ok := p.Text()
		switch {
		case ok:
		case p.Kind == Unknown && p.Str != "":
			s, known = p.Str, false
		case p.Kind == Unknown || p.Kind == String:
			s, known = unknownvalue.Placeholder, false
		default:
			return unknown(at, a[1].AllRefs()...)
		}
		parts = append(parts, s)
	}
	if !known {
		return &Value{Kind: Unknown, Str: strings.Join(parts, delim), Range: at, Refs: a[1].AllRefs()}
	}
	return &Value{Kind: String, Str: strings.Join(parts, delim), Range: at, Refs: a[1].AllRefs()}
}

func (e *evaluator) selectFn(arg *Value, at source.Range) *Value {
	a, ok := e.args("Fn::Select", arg, 2, at)
	if !ok {
		return unknown(at)
	}
	is, ok := a[0].Text()
	i, err := strconv.Atoi(is)
	if !ok || err != nil || a[1].Kind != List {
		return unknown(at, a[1].AllRefs()...)
	}
	if i < 0 || i >= len(a[1].List) {
		e.warn(at, "Invalid Fn::Select", "index %d is out of range of a list of %d", i, len(a[1].List))
		return unknown(at)
	}
	return a[1].List[i]
}

func (e *evaluator) split(arg *Value, at source.Range) *Value {
	a, ok := e.args("Fn::Split", arg, 2, at)
	if !ok {
		return unknown(at)
	}
	delim, ok1 := a[0].Text()
	s, ok2 := a[1].Text()
	if !ok1 || !ok2 || delim == "" {
		return unknown(at, a[1].AllRefs()...)
	}
	out := &Value{Kind: List, Range: at}
	for _, p := range strings.Split(s, delim) {
		out.List = append(out.List, &Value{Kind: String, Str: p, Range: at, Refs: a[1].Refs})
	}
	return out
}

func (e *evaluator) findInMap(arg *Value, at source.Range) *Value {
	if arg.Kind != List || len(arg.List) < 3 {
		return e.badArgs("Fn::FindInMap", at)
	}
	cur := e.mappings
	for _, k := range arg.List[:3] {
		key, ok := e.eval(k).Text()
		if !ok {
			return unknown(at)
		}
		if cur = cur.Get(key); cur == nil {
			if len(arg.List) == 4 { // Fn::FindInMap with DefaultValue (AWS::LanguageExtensions)
				if dv := e.eval(arg.List[3]).Get("DefaultValue"); dv != nil {
					return dv
				}
			}
			e.warn(at, "Invalid Fn::FindInMap", "no mapping entry for %q", key)
			return unknown(at)
		}
	}
	return e.eval(cur)
}

func (e *evaluator) ifFn(arg *Value, at source.Range) *Value {
	if arg.Kind != List || len(arg.List) != 3 {
		return e.badArgs("Fn::If", at)
	}
	name, ok := arg.List[0].Text()
	if !ok {
		return e.badArgs("Fn::If", at)
	}
	c := e.condition(name, at)
	if c.Kind == Bool {
		if c.Bool {
			return e.eval(arg.List[1])
		}
		return e.eval(arg.List[2])
	}
	// Either branch may be taken: unknown, linked to what both could be.
	var refs []string
	for _, b := range arg.List[1:] {
		if v := e.eval(b); v != noValue {
			refs = append(refs, v.AllRefs()...)
		}
	}
	return unknown(at, refs...)
}

func (e *evaluator) equals(arg *Value, at source.Range) *Value {
	a, ok := e.args("Fn::Equals", arg, 2, at)
	if !ok {
		return unknown(at)
	}
	if !a[0].Known() || !a[1].Known() {
		return unknown(at)
	}
	return &Value{Kind: Bool, Bool: a[0].JSON() == a[1].JSON() || textEqual(a[0], a[1]), Range: at}
}

// textEqual compares scalars as CloudFormation does: as strings.
func textEqual(a, b *Value) bool {
	x, ok1 := a.Text()
	y, ok2 := b.Text()
	return ok1 && ok2 && x == y
}

// logic folds Fn::And / Fn::Or: a deciding known operand wins even when
// others are unknown.
func (e *evaluator) logic(fn string, arg *Value, at source.Range, and bool) *Value {
	if arg.Kind != List || len(arg.List) == 0 {
		return e.badArgs(fn, at)
	}
	unknownSeen := false
	for _, c := range arg.List {
		v := e.eval(c)
		if v.Kind != Bool {
			unknownSeen = true
			continue
		}
		if v.Bool != and {
			return &Value{Kind: Bool, Bool: !and, Range: at}
		}
	}
	if unknownSeen {
		return unknown(at)
	}
	return &Value{Kind: Bool, Bool: and, Range: at}
}

func (e *evaluator) and(arg *Value, at source.Range) *Value { return e.logic("Fn::And", arg, at, true) }
func (e *evaluator) or(arg *Value, at source.Range) *Value  { return e.logic("Fn::Or", arg, at, false) }

func (e *evaluator) not(arg *Value, at source.Range) *Value {
	a, ok := e.args("Fn::Not", arg, 1, at)
	if !ok || a[0].Kind != Bool {
		return unknown(at)
	}
	return &Value{Kind: Bool, Bool: !a[0].Bool, Range: at}
}

func (e *evaluator) base64(arg *Value, at source.Range) *Value {
	v := e.eval(arg)
	s, ok := v.Text()
	if !ok {
		return unknown(at, v.AllRefs()...)
	}
	return &Value{Kind: String, Str: base64.StdEncoding.EncodeToString([]byte(s)), Range: at, Refs: v.Refs}
}

func (e *evaluator) toJSON(arg *Value, at source.Range) *Value {
	v := e.eval(arg)
	out := &Value{Kind: String, Str: v.JSON(), Range: at, Refs: v.AllRefs()}
	if !v.Known() {
		out.Kind = Unknown
	}
	return out
}

func (e *evaluator) length(arg *Value, at source.Range) *Value {
	v := e.eval(arg)
	if v.Kind != List || !v.Known() {
		return unknown(at)
	}
	return &Value{Kind: Number, Str: strconv.Itoa(len(v.List)), Range: at}
}
