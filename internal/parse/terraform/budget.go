package terraform

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// EvalLimits bound the evaluation of Terraform expressions. Configurations
// come from untrusted repositories: a chain of locals that doubles a string,
// nested for expressions or setproduct over long lists would otherwise take
// all the memory of the machine. An expression that passes a bound is
// reported with its file and line and becomes unknown; the rest goes on.
type EvalLimits struct {
	Steps     int           // for-expression iterations, function calls and elements produced in one expression
	Elements  int           // elements in one value (nested collections count every element)
	Bytes     int           // string bytes in one value, and in what one expression's templates join
	RootSteps int           // steps of all the expressions of one root module and its modules
	Timeout   time.Duration // wall-clock time for one root module, when the context has no sooner deadline
}

// DefaultEvalLimits are far above what real configurations use (the largest
// public modules evaluate in well under a thousand steps per expression).
var DefaultEvalLimits = EvalLimits{Steps: 1_000_000, Elements: 100_000, Bytes: 16 << 20, RootSteps: 50_000_000, Timeout: 2 * time.Minute}

func (l EvalLimits) withDefaults() EvalLimits {
	d := DefaultEvalLimits
	if l.Steps > 0 {
		d.Steps = l.Steps
	}
	if l.Elements > 0 {
		d.Elements = l.Elements
	}
	if l.Bytes > 0 {
		d.Bytes = l.Bytes
	}
	if l.RootSteps > 0 {
		d.RootSteps = l.RootSteps
	}
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	return d
}

// budget is what one root module may still spend. It is used by one
// goroutine (a root module is evaluated sequentially) and reaches the
// expression wrappers through the evaluation context (budgetKey).
type budget struct {
	lim      EvalLimits
	deadline time.Time
	steps    int // in the current expression
	bytes    int // joined by templates in the current expression
	total    int // in the whole root module
	// stop says why the current expression was stopped, or the whole root
	// module when expired is set.
	stop     string
	expired  bool
	lastTick int // total/1024 when the clock was last read
}

func newBudget(lim EvalLimits, deadline time.Time) *budget {
	lim = lim.withDefaults()
	if d := time.Now().Add(lim.Timeout); deadline.IsZero() || d.Before(deadline) {
		deadline = d
	}
	return &budget{lim: lim, deadline: deadline}
}

// budgetKey is the name under which an evaluation context holds its budget.
// It is not an identifier, so no expression can read it.
const budgetKey = "mlguard budget"

var budgetType = cty.Capsule("budget", reflect.TypeOf(budget{}))

// with returns vars (a new map when nil) holding the budget.
func (b *budget) with(vars map[string]cty.Value) map[string]cty.Value {
	if vars == nil {
		vars = map[string]cty.Value{}
	}
	vars[budgetKey] = cty.CapsuleVal(budgetType, b)
	return vars
}

// context is an evaluation context for literal expressions (tfvars, module
// sources): no functions, no variables, the budget.
func (b *budget) context() *hcl.EvalContext {
	return &hcl.EvalContext{Variables: b.with(nil)}
}

// budgetOf finds the budget of an evaluation context or one of its parents.
func budgetOf(ctx *hcl.EvalContext) *budget {
	for c := ctx; c != nil; c = c.Parent() {
		if v, ok := c.Variables[budgetKey]; ok {
			return v.EncapsulatedValue().(*budget)
		}
	}
	return nil
}

// begin starts a new expression.
func (b *budget) begin() {
	b.steps, b.bytes = 0, 0
	if !b.expired {
		b.stop = ""
	}
}

// stopped says whether the current expression (or the root) is out of budget.
func (b *budget) stopped() bool { return b.stop != "" }

// spend counts n steps and says whether the expression may go on.
func (b *budget) spend(n int) bool {
	if b.stop != "" {
		return false
	}
	b.steps += n
	b.total += n
	// The clock is read about every thousand steps, not on each.
	tick := b.total/1024 != b.lastTick
	b.lastTick = b.total / 1024
	switch {
	case b.total > b.lim.RootSteps:
		b.expire(fmt.Sprintf("the module's evaluation took more than %d steps", b.lim.RootSteps))
	case tick && time.Now().After(b.deadline):
		b.expire(fmt.Sprintf("the module's evaluation ran past its deadline (%s)", b.lim.Timeout))
	case b.steps > b.lim.Steps:
		b.stop = fmt.Sprintf("the expression took more than %d steps", b.lim.Steps)
	}
	return b.stop == ""
}

func (b *budget) expire(why string) {
	b.stop, b.expired = why, true
}

// join counts string bytes a template joins.
func (b *budget) join(n int) bool {
	b.bytes += n
	if b.bytes > b.lim.Bytes && b.stop == "" {
		b.stop = fmt.Sprintf("its templates join more than %d bytes", b.lim.Bytes)
	}
	return b.stop == ""
}

// fits measures a value produced by the expression, spends a step per element,
// and says whether the value is within bounds.
func (b *budget) fits(v cty.Value) bool {
	elems, bytes := measure(v, b.lim.Elements, b.lim.Bytes)
	switch {
	case elems > b.lim.Elements:
		if b.stop == "" {
			b.stop = fmt.Sprintf("a value has more than %d elements", b.lim.Elements)
		}
		return false
	case bytes > b.lim.Bytes:
		if b.stop == "" {
			b.stop = fmt.Sprintf("a value holds more than %d bytes of text", b.lim.Bytes)
		}
		return false
	}
	return b.spend(elems + 1)
}

// measure counts the elements and string bytes of v, stopping once either
// passes its limit so that measuring is bounded too.
func measure(v cty.Value, maxElems, maxBytes int) (elems, bytes int) {
	var walk func(cty.Value)
	walk = func(v cty.Value) {
		v, _ = v.Unmark()
		if elems > maxElems || bytes > maxBytes || !v.IsKnown() || v.IsNull() {
			return
		}
		ty := v.Type()
		switch {
		case ty.IsSetType() && !v.IsWhollyKnown():
			// A set holding unknown values has no known length and cannot
			// be walked; it counts as one element.
			elems++
		case ty == cty.String:
			bytes += len(v.AsString())
		case ty.IsListType() || ty.IsSetType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next() && elems <= maxElems && bytes <= maxBytes; {
				elems++
				k, e := it.Element()
				if k.Type() == cty.String {
					bytes += len(k.AsString())
				}
				walk(e)
			}
		}
	}
	walk(v)
	return elems, bytes
}

// bounded wraps a function so that each call spends a step, calls whose
// result would be out of all proportion to their arguments are refused
// before they run, and results are measured. A refused call gives an unknown
// value; the expression that made it is reported by instance.eval.
func bounded(st *evalState, name string, f function.Function) function.Function {
	spec := &function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        f.ReturnTypeForValues,
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			b := st.budget
			if !b.spend(1) {
				return cty.UnknownVal(ret), nil
			}
			if why := b.tooCostly(name, args); why != "" {
				b.stop = fmt.Sprintf("%s() would produce %s", name, why)
				return cty.UnknownVal(ret), nil
			}
			v, err := f.Call(args)
			if err != nil || b.fits(v) {
				return v, err
			}
			return cty.UnknownVal(ret), nil
		},
	}
	return function.New(spec)
}

// boundless are the functions left unwrapped: their result is a scalar, or
// no larger than one of their arguments (which the budget measured when it
// was made), and they do work in proportion to it. Wrapping costs a second
// argument check on every call, which a scan of real configurations feels.
var boundless = map[string]bool{
	"abs": true, "ceil": true, "floor": true, "log": true, "max": true, "min": true, "pow": true, "signum": true,
	"parseint": true, "chomp": true, "lower": true, "upper": true, "title": true, "trim": true, "trimprefix": true,
	"trimsuffix": true, "trimspace": true, "substr": true, "strrev": true, "startswith": true, "endswith": true,
	"strcontains": true, "regex": true, "regexall": true, "split": true, "lookup": true, "element": true, "index": true,
	"length": true, "contains": true, "one": true, "alltrue": true, "anytrue": true, "sum": true, "tostring": true,
	"tonumber": true, "tobool": true, "cidrhost": true, "cidrnetmask": true, "cidrsubnet": true, "md5": true,
	"sha1": true, "sha256": true, "sha512": true, "base64sha256": true, "base64sha512": true, "base64decode": true,
	"urlencode": true, "uuid": true, "uuidv5": true, "timestamp": true, "plantimestamp": true, "bcrypt": true,
	"basename": true, "dirname": true, "abspath": true, "pathexpand": true, "fileexists": true, "formatdate": true,
	"timeadd": true, "timecmp": true, "sensitive": true, "nonsensitive": true, "issensitive": true,
	"ephemeralasnull": true, "coalesce": true, "textdecodebase64": true, "rsadecrypt": true, "try": true, "can": true,
}

// widthRe finds the widths and precisions of format verbs: %999999999d.
var widthRe = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d+))?`)

// tooCostly estimates the result of the functions whose result can be far
// larger than their arguments, and says why it is too large ("" when not).
func (b *budget) tooCostly(name string, args []cty.Value) string {
	known := func(v cty.Value) (cty.Value, bool) {
		v, _ = v.UnmarkDeep()
		return v, v.IsWhollyKnown() && !v.IsNull()
	}
	switch name {
	case "setproduct":
		n := 1
		for _, a := range args {
			a, ok := known(a)
			if !ok || !a.CanIterateElements() {
				return ""
			}
			if n *= a.LengthInt(); n > b.lim.Elements || n < 0 {
				return fmt.Sprintf("more than %d elements", b.lim.Elements)
			}
		}
	case "format", "formatlist":
		if len(args) > 0 {
			if f, ok := known(args[0]); ok && f.Type() == cty.String {
				for _, m := range widthRe.FindAllStringSubmatch(f.AsString(), -1) {
					for _, w := range m[1:] {
						if n, err := strconv.Atoi(w); w != "" && (err != nil || n > b.lim.Bytes) {
							return fmt.Sprintf("a field wider than %d bytes", b.lim.Bytes)
						}
					}
				}
			}
		}
	case "replace", "indent":
		return b.tooLongReplace(name, args, known)
	}
	return ""
}

// tooLongReplace bounds replace(s, sub, new) by the count of possible
// matches times the replacement, and indent(n, s) by n per line.
func (b *budget) tooLongReplace(name string, args []cty.Value, known func(cty.Value) (cty.Value, bool)) string {
	if len(args) < 2 {
		return ""
	}
	var vals []cty.Value
	for _, a := range args {
		v, ok := known(a)
		if !ok {
			return ""
		}
		vals = append(vals, v)
	}
	var est float64
	switch {
	case name == "indent" && vals[0].Type() == cty.Number && vals[1].Type() == cty.String:
		n, _ := vals[0].AsBigFloat().Float64()
		s := vals[1].AsString()
		est = float64(len(s)) + n*float64(countLines(s))
	case name == "replace" && len(vals) == 3 && vals[0].Type() == cty.String && vals[1].Type() == cty.String && vals[2].Type() == cty.String:
		s, sub, repl := vals[0].AsString(), vals[1].AsString(), vals[2].AsString()
		matches := len(s)/max(len(sub), 1) + 1
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			matches = len(s) + 1 // a pattern can match at every position
		}
		est = float64(len(s)) + float64(matches)*float64(len(repl))
	}
	if est > float64(b.lim.Bytes) {
		return fmt.Sprintf("more than %d bytes", b.lim.Bytes)
	}
	return ""
}

func countLines(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}

// literal evaluates an expression that may hold only literals (tfvars, a
// module's source, --var) within the budget.
func (b *budget) literal(e hcl.Expression) (cty.Value, hcl.Diagnostics) {
	b.begin()
	v, diags := e.Value(b.context())
	if b.stopped() || !b.fits(v) {
		return cty.DynamicVal, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Evaluation bound exceeded",
			Detail: b.stop + "; the value is not read", Subject: e.Range().Ptr()})
	}
	return v, diags
}

// literalBudget is the budget of one literal expression read while parsing.
func literalBudget() *budget { return newBudget(EvalLimits{}, time.Time{}) }
