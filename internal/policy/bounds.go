package policy

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"regexp"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Policies come from the repositories mlguard scans, so their evaluation is
// bounded like any other untrusted input: a deadline per evaluation, a bound
// on the heap while it runs, bounded arguments for the built-ins that
// allocate their whole result in one call (OPA cannot cancel those), no
// built-ins whose output has no bound at all, and bounded results.

// Limits bound the evaluation of one policy on one scanned unit.
type Limits struct {
	Timeout    time.Duration // wall clock per evaluation
	HeapBytes  uint64        // heap growth over the evaluation's start at which it is stopped
	Violations int           // deny objects per evaluation
	Message    int           // bytes of one message; longer ones are cut
}

// DefaultLimits are far above what policies over one unit need (the
// examples evaluate in about a millisecond).
var DefaultLimits = Limits{Timeout: 10 * time.Second, HeapBytes: 1 << 30, Violations: 10_000, Message: 4096}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	if l.HeapBytes > 0 {
		d.HeapBytes = l.HeapBytes
	}
	if l.Violations > 0 {
		d.Violations = l.Violations
	}
	if l.Message > 0 {
		d.Message = l.Message
	}
	return d
}

// Bounds of the built-ins whose result is allocated whole in one call.
const (
	maxRangeElements = 1_000_000 // numbers.range, numbers.range_step
	maxCIDRAddresses = 65_536    // net.cidr_expand: a /16 of IPv4
	maxFormatWidth   = 10_000    // widths and precisions in sprintf
)

// boundPrefix starts the errors of bounded built-ins, so that they are told
// from ordinary built-in errors (which leave an expression undefined).
const boundPrefix = "mlguard bound: "

// unbounded are built-ins whose output has no bound mlguard can check
// before they run: a template can loop over its data, and reachable paths
// grow exponentially with the graph. Policies that need them get an
// "undefined function" error naming the file and line.
var unbounded = map[string]bool{ast.RenderTemplate.Name: true, ast.ReachablePathsBuiltin.Name: true}

// errBound is the error of an evaluation stopped by a bound.
var errBound = errors.New("evaluation bound exceeded")

// registerBounded wraps the built-ins that allocate their whole result in
// one call with checks of their arguments. OPA's built-in table is its own
// registry, and these wrappers are what every evaluation in this process
// should use, so they are installed once, at init.
func registerBounded() {
	wrap := func(name string, check func([]*ast.Term) string) {
		orig := topdown.GetBuiltin(name)
		if orig == nil {
			return
		}
		topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
			if why := check(ops); why != "" {
				return errors.New(boundPrefix + name + ": " + why)
			}
			return orig(bctx, ops, iter)
		})
	}
	wrap(ast.NumbersRange.Name, func(ops []*ast.Term) string { return rangeTooLong(ops, false) })
	wrap(ast.NumbersRangeStep.Name, func(ops []*ast.Term) string { return rangeTooLong(ops, true) })
	wrap(ast.NetCIDRExpand.Name, cidrTooLarge)
	wrap(ast.Sprintf.Name, formatTooWide)
}

func init() { registerBounded() }

// rangeTooLong says why a range would hold more than maxRangeElements.
func rangeTooLong(ops []*ast.Term, stepped bool) string {
	num := func(i int) (*big.Float, bool) {
		if i >= len(ops) {
			return nil, false
		}
		n, ok := ops[i].Value.(ast.Number)
		if !ok {
			return nil, false
		}
		f, ok := new(big.Float).SetString(string(n))
		return f, ok
	}
	a, ok1 := num(0)
	b, ok2 := num(1)
	if !ok1 || !ok2 {
		return "" // the built-in reports bad operands itself
	}
	span := new(big.Float).Sub(b, a)
	span.Abs(span)
	if stepped {
		if s, ok := num(2); ok && s.Sign() > 0 {
			span.Quo(span, s)
		}
	}
	if span.Cmp(big.NewFloat(maxRangeElements)) > 0 {
		return fmt.Sprintf("more than %d elements", maxRangeElements)
	}
	return ""
}

// cidrTooLarge says why a CIDR expands to more than maxCIDRAddresses.
func cidrTooLarge(ops []*ast.Term) string {
	s, ok := ops[0].Value.(ast.String)
	if !ok {
		return ""
	}
	p, err := netip.ParsePrefix(string(s))
	if err != nil {
		return ""
	}
	if host := p.Addr().BitLen() - p.Bits(); host > 16 {
		return fmt.Sprintf("%s holds more than %d addresses", string(s), maxCIDRAddresses)
	}
	return ""
}

var verbRe = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d*))?`)

// formatTooWide says why a format has a width or precision over maxFormatWidth.
func formatTooWide(ops []*ast.Term) string {
	s, ok := ops[0].Value.(ast.String)
	if !ok {
		return ""
	}
	for _, m := range verbRe.FindAllStringSubmatch(string(s), -1) {
		for _, w := range m[1:] {
			if n, err := strconv.Atoi(w); w != "" && (err != nil || n > maxFormatWidth) {
				return fmt.Sprintf("a width or precision over %d", maxFormatWidth)
			}
		}
	}
	return ""
}

// boundErrors picks the errors of bounded built-ins from those an
// evaluation collected: they mean a violation may have been missed, which
// must not pass in silence.
func boundErrors(errs []topdown.Error) error {
	for _, e := range errs {
		if i := strings.Index(e.Message, boundPrefix); i >= 0 {
			where := ""
			if e.Location != nil {
				where = fmt.Sprintf("%s:%d: ", e.Location.File, e.Location.Row)
			}
			return fmt.Errorf("%s%w: %s", where, errBound, e.Message[i+len(boundPrefix):])
		}
	}
	return nil
}

// watchHeap cancels ctx (with a cause naming the bound) when the heap grows
// more than max bytes over its size at the start, checking every few
// milliseconds until ctx ends. The heap is the process's, so other work
// running beside the policy counts too; the bound is set far above both.
func watchHeap(ctx context.Context, cancel context.CancelCauseFunc, max uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
	start := read()
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if now := read(); now > start && now-start > max {
				cancel(fmt.Errorf("%w: the heap grew by more than %d MiB", errBound, max>>20))
				return
			}
		}
	}
}
