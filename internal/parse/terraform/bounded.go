package terraform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// HCL evaluates for expressions and templates inside one call of Value, with
// no hook between iterations, so a nested for over three ranges builds a
// billion elements before anyone can look. boundAll replaces, in a parsed
// file, every for expression and every template with parts by a wrapper that
// spends from the evaluation context's budget; the wrappers embed the
// original node, so walking the syntax tree (Variables, references) still
// sees what it saw.

// boundBody bounds the expressions of a native syntax body and its blocks.
func boundBody(b *hclsyntax.Body) {
	if b == nil {
		return
	}
	for _, a := range b.Attributes {
		a.Expr = bound(a.Expr)
	}
	for _, blk := range b.Blocks {
		boundBody(blk.Body)
	}
}

// bound rewrites e's children in place and returns e, or its wrapper.
func bound(e hclsyntax.Expression) hclsyntax.Expression {
	switch t := e.(type) {
	case *hclsyntax.ForExpr:
		t.CollExpr, t.KeyExpr, t.ValExpr, t.CondExpr = bound(t.CollExpr), boundOpt(t.KeyExpr), bound(t.ValExpr), boundOpt(t.CondExpr)
		return &boundedFor{t}
	case *hclsyntax.TemplateExpr:
		boundAll(t.Parts)
		if t.IsStringLiteral() {
			return t // keeps IsStringLiteral for callers that ask
		}
		return &boundedTemplate{t}
	case *hclsyntax.FunctionCallExpr:
		boundAll(t.Args)
		if strings.HasPrefix(t.Name, "provider::") {
			return &providerCall{t}
		}
	case *hclsyntax.TupleConsExpr:
		boundAll(t.Exprs)
	case *hclsyntax.ObjectConsExpr:
		for i := range t.Items {
			t.Items[i].KeyExpr, t.Items[i].ValueExpr = bound(t.Items[i].KeyExpr), bound(t.Items[i].ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		t.Wrapped = bound(t.Wrapped)
	case *hclsyntax.ConditionalExpr:
		t.Condition, t.TrueResult, t.FalseResult = bound(t.Condition), bound(t.TrueResult), bound(t.FalseResult)
	case *hclsyntax.BinaryOpExpr:
		t.LHS, t.RHS = bound(t.LHS), bound(t.RHS)
	case *hclsyntax.UnaryOpExpr:
		t.Val = bound(t.Val)
	case *hclsyntax.IndexExpr:
		t.Collection, t.Key = bound(t.Collection), bound(t.Key)
	case *hclsyntax.RelativeTraversalExpr:
		t.Source = bound(t.Source)
	case *hclsyntax.SplatExpr:
		t.Source, t.Each = bound(t.Source), bound(t.Each)
	case *hclsyntax.ParenthesesExpr:
		t.Expression = bound(t.Expression)
	case *hclsyntax.TemplateWrapExpr:
		t.Wrapped = bound(t.Wrapped)
	case *hclsyntax.TemplateJoinExpr:
		t.Tuple = bound(t.Tuple)
	}
	return e
}

func boundOpt(e hclsyntax.Expression) hclsyntax.Expression {
	if e == nil {
		return nil
	}
	return bound(e)
}

func boundAll(es []hclsyntax.Expression) {
	for i := range es {
		es[i] = bound(es[i])
	}
}

// errNoBudget is what a bounded expression says when evaluated without a
// budget: a context mlguard built without one, which must not happen.
func errNoBudget(r hcl.Range) hcl.Diagnostics {
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Expression not evaluated",
		Detail: "mlguard evaluates this kind of expression only with an evaluation budget; please report this", Subject: r.Ptr()}}
}

// boundedFor is a for expression that spends a step per evaluation and one
// per element it produces.
type boundedFor struct{ *hclsyntax.ForExpr }

func (e *boundedFor) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	b := budgetOf(ctx)
	if b == nil {
		return cty.DynamicVal, errNoBudget(e.SrcRange)
	}
	if !b.spend(1) {
		return cty.DynamicVal, nil
	}
	v, diags := e.ForExpr.Value(ctx)
	if b.stopped() || !b.fits(v) {
		return cty.DynamicVal, nil
	}
	return v, diags
}

// boundedTemplate is a template that counts the bytes it joins. It
// evaluates as hclsyntax.TemplateExpr does, part by part, so that it can
// stop before joining a string no machine can hold.
type boundedTemplate struct{ *hclsyntax.TemplateExpr }

func (e *boundedTemplate) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	b := budgetOf(ctx)
	if b == nil {
		return cty.DynamicVal, errNoBudget(e.SrcRange)
	}
	var buf bytes.Buffer
	var diags hcl.Diagnostics
	known := true
	marks := cty.ValueMarks{}
	for _, part := range e.Parts {
		pv, d := part.Value(ctx)
		diags = append(diags, d...)
		if b.stopped() {
			return cty.UnknownVal(cty.String), nil
		}
		if pv.IsNull() {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid template interpolation value",
				Detail: "The expression result is null. Cannot include a null value in a string template.", Subject: part.Range().Ptr()})
			continue
		}
		pv, pm := pv.Unmark()
		for k, v := range pm {
			marks[k] = v
		}
		if !pv.IsKnown() {
			known = false
			continue
		}
		sv, err := convert.Convert(pv, cty.String)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid template interpolation value",
				Detail: fmt.Sprintf("Cannot include the given value in a string template: %s.", err), Subject: part.Range().Ptr()})
			continue
		}
		if known && !diags.HasErrors() {
			s := sv.AsString()
			if !b.join(len(s)) {
				return cty.UnknownVal(cty.String), nil
			}
			buf.WriteString(s)
		}
	}
	ret := cty.UnknownVal(cty.String)
	switch {
	case known:
		ret = cty.StringVal(buf.String())
	case !diags.HasErrors() && buf.Len() > 0:
		// The known start of a partly unknown string is kept, as HCL
		// does ("serviceAccount:" before an unknown email), up to 128
		// bytes; StringPrefix drops an incomplete last character.
		prefix := buf.String()
		ret = ret.Refine().StringPrefix(prefix[:min(len(prefix), 128)]).NewValue()
	}
	return ret.RefineNotNull().WithMarks(marks), diags
}

// providerCall is a call of a provider-defined function
// (provider::aws::arn_parse). Only the provider can evaluate it, and mlguard
// runs no provider, so its value is unknown, linked to the resources its
// arguments mention, and never an error.
type providerCall struct{ *hclsyntax.FunctionCallExpr }

func (e *providerCall) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	marks := cty.ValueMarks{}
	for _, a := range e.Args {
		v, _ := a.Value(ctx)
		_, m := v.UnmarkDeep()
		for k := range m {
			marks[k] = struct{}{}
		}
	}
	return cty.DynamicVal.WithMarks(marks), nil
}
