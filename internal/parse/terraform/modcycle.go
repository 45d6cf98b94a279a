package terraform

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Terraform's graph has a node per module input and per module output, so
// module a may read an output of b while b reads another output of a: no
// cycle, as long as no output depends on itself through the inputs. This
// evaluator runs a module call as one node; when module calls (and only
// module calls) form a cycle, moduleCycle decides with Terraform's finer
// graph whether it is a real one, and when it is not, evaluates the calls
// again and again, each time with the outputs the last pass produced, until
// nothing changes (each pass settles at least one more output).

// moduleCycle resolves the cycle of module calls through start. It returns
// false when the cycle holds other nodes than module calls; it is then
// reported as any other.
func (in *instance) moduleCycle(ctx context.Context, nodes map[string]*node, start string, resolved map[string]bool) (bool, error) {
	scc := in.cycleOf(nodes, start)
	if len(scc) < 2 {
		return false, nil
	}
	outIns := map[string]map[string][]string{} // module -> output -> inputs it reads
	for _, id := range scc {
		n := nodes[id]
		if n.kind != kindModule {
			return false, nil
		}
		dir, ok := in.moduleDir(n.call)
		if !ok {
			return false, nil
		}
		cfg, err := in.l.config(dir)
		if err != nil {
			return false, nil
		}
		outIns[id] = cfg.outputInputs()
	}
	resStart, diagStart := len(in.out.resources), len(in.out.diags)
	for _, id := range scc {
		in.values[id] = cty.DynamicVal
	}
	// A fine graph of k outputs settles in at most k passes. A real cycle
	// is reported, and its modules are evaluated once with the inputs
	// that read each other unknown, so their resources are still checked.
	passes := 1
	if fineCycle(scc, nodes, outIns) {
		n := nodes[start]
		in.out.diags.Errorf(toRange(n.rng), "Cycle in references", "%s depends on itself through the outputs and inputs of %s; the values on the cycle are treated as unknown", start, strings.Join(scc, ", "))
		diagStart = len(in.out.diags)
	} else {
		for _, o := range outIns {
			passes += len(o)
		}
	}
	for p := 0; p < passes; p++ {
		in.out.resources, in.out.diags = in.out.resources[:resStart], in.out.diags[:diagStart]
		changed := false
		for _, id := range scc {
			v, err := in.evalNode(ctx, nodes[id])
			if err != nil {
				return false, err
			}
			if !sameValue(in.values[id], v) {
				changed = true
			}
			in.values[id] = v
		}
		if !changed {
			break
		}
	}
	for _, id := range scc {
		resolved[id] = true
	}
	return true, nil
}

func sameValue(a, b cty.Value) bool {
	ua, _ := a.UnmarkDeep()
	ub, _ := b.UnmarkDeep()
	return ua.RawEquals(ub)
}

// cycleOf lists the nodes not yet evaluated that lie on a cycle with start.
func (in *instance) cycleOf(nodes map[string]*node, start string) []string {
	pending := func(id string) bool {
		_, done := in.values[id]
		return nodes[id] != nil && !done
	}
	reach := func(from string, next func(string) []string) map[string]bool {
		seen := map[string]bool{from: true}
		stack := []string{from}
		for len(stack) > 0 {
			id := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range next(id) {
				if pending(d) && !seen[d] {
					seen[d] = true
					stack = append(stack, d)
				}
			}
		}
		return seen
	}
	users := map[string][]string{}
	for id, n := range nodes {
		for _, d := range n.deps {
			users[d] = append(users[d], id)
		}
	}
	down := reach(start, func(id string) []string { return nodes[id].deps })
	up := reach(start, func(id string) []string { return users[id] })
	var out []string
	for id := range down {
		if up[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// fineCycle reports whether the outputs and inputs of the calls form a
// cycle: an output reads inputs (outIns), an input reads outputs of the
// other calls through its expression (or, naming a whole module, all of
// them); count and for_each are read by every output.
func fineCycle(scc []string, nodes map[string]*node, outIns map[string]map[string][]string) bool {
	inSCC := map[string]bool{}
	for _, id := range scc {
		inSCC[id] = true
	}
	edges := map[string][]string{}
	readers := func(e hcl.Expression) []string {
		var out []string
		for _, t := range exprTraversals(e) {
			names := traversalNames(t)
			if t.RootName() != "module" || len(names) < 2 || !inSCC["module."+names[1]] {
				continue
			}
			mod := "module." + names[1]
			if len(names) > 2 {
				out = append(out, mod+"#out:"+names[2])
				continue
			}
			for o := range outIns[mod] {
				out = append(out, mod+"#out:"+o)
			}
		}
		return out
	}
	for _, id := range scc {
		call := nodes[id].call
		meta := append(readers(call.count), readers(call.forEach)...)
		for o, ins := range outIns[id] {
			k := id + "#out:" + o
			edges[k] = append(edges[k], meta...)
			for _, name := range ins {
				if a := call.inputs[name]; a != nil {
					edges[k] = append(edges[k], id+"#in:"+name)
					edges[id+"#in:"+name] = readers(a.Expr)
				}
			}
		}
	}
	const (
		unseen = iota
		open
		closed
	)
	state := map[string]int{}
	var visit func(string) bool
	visit = func(k string) bool {
		switch state[k] {
		case open:
			return true
		case closed:
			return false
		}
		state[k] = open
		for _, d := range edges[k] {
			if visit(d) {
				return true
			}
		}
		state[k] = closed
		return false
	}
	for k := range edges {
		if visit(k) {
			return true
		}
	}
	return false
}

// outputInputs says, for each output of the module, which of its input
// variables it reads, through locals, resources and nested module calls
// (a nested call's outputs are taken to read all of its inputs).
func (c *moduleConfig) outputInputs() map[string][]string {
	deps := map[string][]string{}
	for id, trs := range c.refs() {
		for _, t := range trs {
			if d, _ := nodeOf(t); d != "" {
				deps[id] = append(deps[id], d)
			}
		}
	}
	memo := map[string]map[string]bool{}
	var vars func(id string, path map[string]bool) map[string]bool
	vars = func(id string, path map[string]bool) map[string]bool {
		if v, ok := memo[id]; ok {
			return v
		}
		out := map[string]bool{}
		if len(id) > 4 && id[:4] == "var." {
			out[id[4:]] = true
			return out
		}
		if path[id] {
			return out // a cycle inside the module: its own error
		}
		path[id] = true
		for _, d := range deps[id] {
			for v := range vars(d, path) {
				out[v] = true
			}
		}
		delete(path, id)
		memo[id] = out
		return out
	}
	res := map[string][]string{}
	for name := range c.outputs {
		res[name] = sortedKeys(vars("output."+name, map[string]bool{}))
	}
	return res
}
