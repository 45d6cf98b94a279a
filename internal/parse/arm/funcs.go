package arm

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

type function func(e *evaluator, args []*node.Value, at source.Range) *node.Value

var functions map[string]function

func init() {
	// Set in init because parameters() and variables() call back into eval.
	functions = map[string]function{
		"parameters": (*evaluator).parameter, "variables": (*evaluator).variableFn,
		"concat": concat, "format": format, "if": ifFn, "equals": equals, "not": not,
		"and": logic(true), "or": logic(false), "empty": empty, "contains": contains,
		"tolower": strFn(strings.ToLower), "toupper": strFn(strings.ToUpper), "trim": strFn(strings.TrimSpace),
		"string": stringFn, "bool": boolFn, "int": intFn, "json": jsonFn, "length": length,
		"startswith": strPred(strings.HasPrefix), "endswith": strPred(strings.HasSuffix),
		"replace": replace, "split": split, "join": join, "first": first, "last": last,
		"createarray": createArray, "array": array, "createobject": createObject, "union": union,
		"coalesce": coalesce, "null": func(*evaluator, []*node.Value, source.Range) *node.Value { return &node.Value{Kind: node.Null} },
		"true":      func(_ *evaluator, _ []*node.Value, at source.Range) *node.Value { return boolVal(true, at) },
		"false":     func(_ *evaluator, _ []*node.Value, at source.Range) *node.Value { return boolVal(false, at) },
		"reference": (*evaluator).reference, "resourceinfo": (*evaluator).reference,
	}
}

// stateful are the functions that read the template being evaluated.
var stateful = map[string]bool{"parameters": true, "variables": true, "reference": true, "resourceinfo": true}

// Call evaluates a template function that depends only on its arguments
// (concat, format, toLower, union, contains, ...), for other languages
// that compile to templates (Bicep). ok is false for a function this
// package does not evaluate on its own; its value is then unknown.
func Call(name string, args []*node.Value, at source.Range) (v *node.Value, ok bool) {
	f, found := functions[strings.ToLower(name)]
	if !found || stateful[strings.ToLower(name)] {
		return nil, false
	}
	return f(nil, args, at), true
}

// ResourceID is resourceId(...) (and its subscription and tenant forms)
// for other languages: an unknown ID that links to the address of the
// resource it names. texts are the arguments as written, which stand for
// name parts the template alone does not decide.
func ResourceID(args []*node.Value, texts []string, at source.Range) *node.Value {
	return (*evaluator)(nil).resourceID(args, texts, at)
}

// Address names a resource of a type and name the way Azure IDs do
// (Microsoft.X/a/NAME/b/CHILD): the address ARM resources get, for other
// languages that declare the same resources.
func Address(typ, name string) string { return address(typ, name) }

func boolVal(b bool, at source.Range) *node.Value {
	return &node.Value{Kind: node.Bool, Bool: b, Range: at}
}
func strVal(s string, at source.Range) *node.Value {
	if len(s) > maxString {
		return node.NewUnknown(at)
	}
	return &node.Value{Kind: node.String, Str: s, Range: at}
}

// opaque is the value of a function only a deployment can compute; it
// still links to the resources its arguments name.
func opaque(args []*node.Value, at source.Range) *node.Value {
	return node.NewUnknown(at, refsOf(args...)...)
}

func (e *evaluator) call(c call, at source.Range) *node.Value {
	args := make([]*node.Value, len(c.args))
	for i, a := range c.args {
		// if() takes its branches lazily, but evaluating both is harmless:
		// no function here has effects.
		args[i] = e.expr(a, at)
	}
	switch c.name {
	case "resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid":
		texts := make([]string, len(c.args))
		for i, a := range c.args {
			texts[i] = render(a)
		}
		if c.name == "extensionresourceid" {
			return e.extensionResourceID(args, texts, at)
		}
		return e.resourceID(args, texts, at)
	}
	if f, ok := functions[c.name]; ok {
		return f(e, args, at)
	}
	if strings.HasPrefix(c.name, "list") {
		// listKeys, listSecrets, listAccountSas, ...: secrets of a resource.
		return opaque(args, at)
	}
	// reference-free functions of the deployment (resourceGroup(),
	// subscription(), uniqueString(), guid(), copyIndex(), utcNow(),
	// deployment(), environment()), arithmetic, and user functions.
	return opaque(args, at)
}

// known reports whether every argument is known.
func known(args []*node.Value) bool {
	for _, a := range args {
		if !a.Known() {
			return false
		}
	}
	return true
}

func (e *evaluator) parameter(args []*node.Value, at source.Range) *node.Value {
	name, ok := argText(args, 0)
	if !ok {
		return opaque(args, at)
	}
	if v, ok := e.params[strings.ToLower(name)]; ok {
		return v
	}
	e.diags.Warnf(at, "Unknown ARM parameter", "parameter %q is not declared; the value is treated as unknown", name)
	return node.NewUnknown(at)
}

func (e *evaluator) variableFn(args []*node.Value, at source.Range) *node.Value {
	name, ok := argText(args, 0)
	if !ok {
		return opaque(args, at)
	}
	return e.variable(name, at)
}

func argText(args []*node.Value, i int) (string, bool) {
	if i >= len(args) || args[i].Kind != node.String {
		return "", false
	}
	return args[i].Str, true
}

// concat joins strings, or appends arrays.
func concat(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) > 0 && args[0].Kind == node.List {
		out := &node.Value{Kind: node.List, Range: at}
		for _, a := range args {
			if a.Kind != node.List {
				return opaque(args, at)
			}
			if len(out.List)+len(a.List) > maxList {
				return opaque(args, at)
			}
			out.List = append(out.List, a.List...)
		}
		return out
	}
	var sb strings.Builder
	all := true
	for _, a := range args {
		s, ok := text(a)
		all = all && ok
		if sb.Len()+len(s) > maxString {
			return opaque(args, at)
		}
		sb.WriteString(s)
	}
	if !all {
		return &node.Value{Kind: node.Unknown, Str: sb.String(), Range: at, Refs: refsOf(args...)}
	}
	return strVal(sb.String(), at)
}

// format fills {0}, {1:N0}, ... with the arguments after the format string.
func format(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	f, ok := argText(args, 0)
	if !ok {
		return opaque(args, at)
	}
	all := true
	out, ok := fill(f, func(n int) (string, bool) {
		if n+1 >= len(args) {
			return "", false
		}
		s, known := text(args[n+1])
		all = all && known
		return s, true
	})
	switch {
	case !ok:
		return opaque(args, at)
	case !all:
		return &node.Value{Kind: node.Unknown, Str: out, Range: at, Refs: refsOf(args...)}
	}
	return strVal(out, at)
}

// fill writes a format string with each placeholder {n} or {n:spec}
// replaced by part(n); {{ and }} stand for braces. It fails on a
// placeholder part refuses and on a result over maxString.
func fill(f string, part func(n int) (string, bool)) (string, bool) {
	var sb strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		if (c == '{' || c == '}') && i+1 < len(f) && f[i+1] == c {
			sb.WriteByte(c)
			i++
			continue
		}
		end := strings.IndexByte(f[i:], '}')
		if c != '{' || end < 0 {
			sb.WriteByte(c)
			continue
		}
		idx, _, _ := strings.Cut(f[i+1:i+end], ":")
		n, err := strconv.Atoi(strings.TrimSpace(idx))
		if err != nil {
			return "", false
		}
		s, ok := part(n)
		if !ok || sb.Len()+len(s) > maxString {
			return "", false
		}
		sb.WriteString(s)
		i += end
	}
	return sb.String(), true
}

func ifFn(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 3 {
		return opaque(args, at)
	}
	switch c := args[0]; {
	case c.Kind == node.Bool && c.Bool:
		return args[1]
	case c.Kind == node.Bool:
		return args[2]
	}
	// An undecided condition between two equal values is that value.
	if args[1].Known() && args[2].Known() && args[1].JSON() == args[2].JSON() {
		return args[1]
	}
	return opaque(args, at)
}

func equals(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 2 || !known(args) {
		return opaque(args, at)
	}
	a, b := args[0], args[1]
	if a.Kind == node.String && b.Kind == node.String {
		return boolVal(a.Str == b.Str, at) // equals is case-sensitive on strings
	}
	return boolVal(a.Kind == b.Kind && a.JSON() == b.JSON(), at)
}

func not(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 1 || args[0].Kind != node.Bool {
		return opaque(args, at)
	}
	return boolVal(!args[0].Bool, at)
}

// logic is and() (all true) or or() (any true); a decided operand decides
// even when others are unknown.
func logic(all bool) function {
	return func(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
		undecided := false
		for _, a := range args {
			if a.Kind != node.Bool {
				undecided = true
				continue
			}
			if a.Bool != all {
				return boolVal(!all, at)
			}
		}
		if undecided {
			return opaque(args, at)
		}
		return boolVal(all, at)
	}
}

func empty(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 1 || !args[0].Known() {
		return opaque(args, at)
	}
	switch v := args[0]; v.Kind {
	case node.Null:
		return boolVal(true, at)
	case node.String:
		return boolVal(v.Str == "", at)
	case node.List:
		return boolVal(len(v.List) == 0, at)
	case node.Map:
		return boolVal(len(v.Keys) == 0, at)
	}
	return boolVal(false, at)
}

func contains(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 2 || !known(args) {
		return opaque(args, at)
	}
	c, item := args[0], args[1]
	switch c.Kind {
	case node.String:
		s, _ := item.Text()
		return boolVal(strings.Contains(c.Str, s), at) // case-sensitive, as ARM compares strings
	case node.List:
		for _, el := range c.List {
			if el.JSON() == item.JSON() {
				return boolVal(true, at)
			}
		}
		return boolVal(false, at)
	case node.Map:
		s, _ := item.Text()
		return boolVal(Lookup(c, s) != nil, at)
	}
	return opaque(args, at)
}

func strFn(f func(string) string) function {
	return func(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
		if len(args) != 1 || args[0].Kind != node.String {
			return opaque(args, at)
		}
		return strVal(f(args[0].Str), at)
	}
}

func strPred(f func(s, affix string) bool) function {
	return func(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
		a, ok1 := argText(args, 0)
		b, ok2 := argText(args, 1)
		if !ok1 || !ok2 {
			return opaque(args, at)
		}
		return boolVal(f(strings.ToLower(a), strings.ToLower(b)), at)
	}
}

func stringFn(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 1 || !args[0].Known() {
		return opaque(args, at)
	}
	s, _ := text(args[0])
	return strVal(s, at)
}

func boolFn(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 1 || !args[0].Known() {
		return opaque(args, at)
	}
	switch v := args[0]; v.Kind {
	case node.Bool:
		return v
	case node.String:
		if b, err := strconv.ParseBool(strings.ToLower(v.Str)); err == nil {
			return boolVal(b, at)
		}
	case node.Number:
		return boolVal(v.Str != "0", at)
	}
	return opaque(args, at)
}

func intFn(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 1 || !args[0].Known() {
		return opaque(args, at)
	}
	s, _ := args[0].Text()
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		return &node.Value{Kind: node.Number, Str: strconv.FormatInt(n, 10), Range: at}
	}
	return opaque(args, at)
}

func jsonFn(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	s, ok := argText(args, 0)
	if !ok {
		return opaque(args, at)
	}
	var x any
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		return opaque(args, at)
	}
	return node.FromPlain(x, at, nil)
}

func length(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) != 1 || !args[0].Known() {
		return opaque(args, at)
	}
	n := 0
	switch v := args[0]; v.Kind {
	case node.String:
		n = len([]rune(v.Str))
	case node.List:
		n = len(v.List)
	case node.Map:
		n = len(v.Keys)
	default:
		return opaque(args, at)
	}
	return &node.Value{Kind: node.Number, Str: strconv.Itoa(n), Range: at}
}

func replace(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	s, ok1 := argText(args, 0)
	old, ok2 := argText(args, 1)
	nw, ok3 := argText(args, 2)
	if !ok1 || !ok2 || !ok3 || old == "" {
		return opaque(args, at)
	}
	if n := strings.Count(s, old); len(s)+n*(len(nw)-len(old)) > maxString {
		return opaque(args, at)
	}
	return strVal(strings.ReplaceAll(s, old, nw), at)
}

func split(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	s, ok1 := argText(args, 0)
	sep, ok2 := argText(args, 1)
	if !ok1 || !ok2 || sep == "" {
		return opaque(args, at)
	}
	out := &node.Value{Kind: node.List, Range: at}
	for _, p := range strings.Split(s, sep) {
		if len(out.List) >= maxList {
			return opaque(args, at)
		}
		out.List = append(out.List, strVal(p, at))
	}
	return out
}

func join(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	sep, ok := argText(args, 1)
	if len(args) != 2 || args[0].Kind != node.List || !ok {
		return opaque(args, at)
	}
	parts := &node.Value{Kind: node.List}
	for i, el := range args[0].List {
		if i > 0 {
			parts.List = append(parts.List, strVal(sep, at))
		}
		parts.List = append(parts.List, el)
	}
	return concat(nil, parts.List, at)
}

func first(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	return pick(args, at, func(n int) int { return 0 })
}

func last(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	return pick(args, at, func(n int) int { return n - 1 })
}

func pick(args []*node.Value, at source.Range, which func(n int) int) *node.Value {
	if len(args) != 1 {
		return opaque(args, at)
	}
	switch v := args[0]; v.Kind {
	case node.List:
		if len(v.List) > 0 {
			return v.List[which(len(v.List))]
		}
	case node.String:
		if r := []rune(v.Str); len(r) > 0 {
			return strVal(string(r[which(len(r))]), at)
		}
	}
	return opaque(args, at)
}

func createArray(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	return &node.Value{Kind: node.List, List: args, Range: at}
}

func array(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) == 1 && args[0].Kind == node.List {
		return args[0]
	}
	if len(args) == 1 && args[0].Kind != node.Unknown {
		return createArray(nil, args, at)
	}
	return opaque(args, at)
}

func createObject(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args)%2 != 0 {
		return opaque(args, at)
	}
	out := &node.Value{Kind: node.Map, Map: map[string]*node.Value{}, Range: at}
	for i := 0; i < len(args); i += 2 {
		k, ok := argText(args, i)
		if !ok {
			return opaque(args, at)
		}
		if _, dup := out.Map[k]; !dup {
			out.Keys = append(out.Keys, k)
		}
		out.Map[k] = args[i+1]
	}
	return out
}

// union merges objects (later keys win) or arrays (without repeats).
func union(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	if len(args) == 0 || !known(args) {
		return opaque(args, at)
	}
	switch args[0].Kind {
	case node.Map:
		out := &node.Value{Kind: node.Map, Map: map[string]*node.Value{}, Range: at}
		for _, a := range args {
			if a.Kind != node.Map {
				return opaque(args, at)
			}
			for _, k := range a.Keys {
				if _, dup := out.Map[k]; !dup {
					out.Keys = append(out.Keys, k)
				}
				out.Map[k] = a.Map[k]
			}
		}
		return out
	case node.List:
		out := &node.Value{Kind: node.List, Range: at}
		seen := map[string]bool{}
		for _, a := range args {
			if a.Kind != node.List {
				return opaque(args, at)
			}
			for _, el := range a.List {
				if k := el.JSON(); !seen[k] {
					seen[k] = true
					out.List = append(out.List, el)
				}
			}
			if len(out.List) > maxList {
				return opaque(args, at)
			}
		}
		return out
	}
	return opaque(args, at)
}

// coalesce is the first argument that is not null; an unknown one before
// it makes the result unknown.
func coalesce(_ *evaluator, args []*node.Value, at source.Range) *node.Value {
	for _, a := range args {
		switch a.Kind {
		case node.Null:
			continue
		case node.Unknown:
			return opaque(args, at)
		}
		return a
	}
	return &node.Value{Kind: node.Null, Range: at}
}

// resourceID builds a resource ID: resourceId([subscriptionId],
// [resourceGroupName], type, name1, name2...). The subscription and group
// are the deployment's, so the ID is unknown, but its resource is known: the
// value links to the address that resource has in this template.
func (e *evaluator) resourceID(args []*node.Value, texts []string, at source.Range) *node.Value {
	ti := -1
	for i, a := range args {
		if s, ok := argText(args, i); ok && a.Kind == node.String && strings.Contains(s, "/") {
			ti = i
			break
		}
	}
	if ti < 0 || ti == len(args)-1 {
		return opaque(args, at)
	}
	names := make([]string, 0, len(args)-ti-1)
	for i, a := range args[ti+1:] {
		s, ok := a.Text()
		if !ok && ti+1+i < len(texts) {
			// The name a deployment decides stands as its expression, as
			// it does in the address of the resource that declares it.
			s = "[" + texts[ti+1+i] + "]"
		}
		names = append(names, s)
	}
	addr := address(args[ti].Str, strings.Join(names, "/"))
	id := "/subscriptions/" + unknown.Placeholder + "/resourceGroups/" + unknown.Placeholder + "/providers/" + addr
	return &node.Value{Kind: node.Unknown, Str: id, Range: at, Refs: append(refsOf(args...), addr)}
}

func (e *evaluator) extensionResourceID(args []*node.Value, texts []string, at source.Range) *node.Value {
	if len(args) < 3 {
		return opaque(args, at)
	}
	return e.resourceID(args[1:], texts[1:], at)
}

// reference is the runtime state of a resource: unknown, linked to the
// resource it names by ID, by name, or (languageVersion 2.0) by symbol.
func (e *evaluator) reference(args []*node.Value, at source.Range) *node.Value {
	if len(args) == 0 {
		return opaque(args, at)
	}
	refs := refsOf(args...)
	if s, ok := argText(args, 0); ok {
		if addr, ok := e.symbols[strings.ToLower(s)]; ok {
			refs = append(refs, addr)
		} else if addr, ok := e.byName[strings.ToLower(s)]; ok {
			refs = append(refs, addr)
		}
	}
	return node.NewUnknown(at, refs...)
}
