package cloudformation

import (
	"sort"
	"strings"
)

// dependencies returns, for each resource, the resources its properties
// refer to (Ref, Fn::GetAtt, Fn::Sub) and those it names in DependsOn.
func dependencies(t *Template, raw *Value) map[string][]string {
	deps := map[string][]string{}
	res := raw.Get("Resources")
	for _, r := range t.Resources {
		var ds []string
		if r.Properties != nil {
			ds = append(ds, r.Properties.AllRefs()...)
		}
		if dep := res.Get(r.LogicalID).Get("DependsOn"); dep != nil {
			if s, ok := dep.Text(); ok {
				ds = append(ds, s)
			}
			for _, e := range dep.List {
				if s, ok := e.Text(); ok {
					ds = append(ds, s)
				}
			}
		}
		sort.Strings(ds)
		deps[r.LogicalID] = ds
	}
	return deps
}

// cycle returns a dependency cycle among the template's resources, as the
// logical IDs along it with the first repeated at the end, or nil. CloudFormation
// refuses such a template ("Circular dependency between resources").
func cycle(deps map[string][]string) []string {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(id string) []string
	visit = func(id string) []string {
		state[id] = onPath
		path = append(path, id)
		for _, d := range deps[id] {
			if _, isResource := deps[d]; !isResource {
				continue
			}
			switch state[d] {
			case onPath:
				for i, p := range path {
					if p == d {
						return append(append([]string(nil), path[i:]...), d)
					}
				}
			case unseen:
				if c := visit(d); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[id] = done
		return nil
	}
	ids := make([]string, 0, len(deps))
	for id := range deps {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if state[id] == unseen {
			if c := visit(id); c != nil {
				return c
			}
		}
	}
	return nil
}

func chain(ids []string) string { return strings.Join(ids, " -> ") }
