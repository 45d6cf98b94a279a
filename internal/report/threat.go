package report

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/threat"
)

// ThreatFormats are the formats of `mlguard threatmodel`.
var ThreatFormats = []string{"markdown", "json", "html"}

// WriteThreatModel renders a threat model.
func WriteThreatModel(ctx context.Context, w io.Writer, format string, tm *threat.Model, opts Options) error {
	switch format {
	case "markdown":
		return writeThreatMarkdown(w, tm, opts)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(tm)
	case "html":
		return writeThreatHTML(ctx, w, tm, opts)
	}
	return fmt.Errorf("unknown threat model format %q", format)
}

// mdEscaper escapes what Markdown (and the HTML it allows) would read as
// markup in text from scanned files.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;",
	"|", `\|`, "#", `\#`, "\n", " ", "\r", " ")

func md(s string) string { return mdEscaper.Replace(s) }

func writeThreatMarkdown(w io.Writer, tm *threat.Model, opts Options) error {
	var b strings.Builder
	ix := indexOf(tm)
	name := func(id string) string { return md(ix.name(id)) }
	fmt.Fprintf(&b, "# Threat model\n\n")
	fmt.Fprintf(&b, "mlguard %s · %d elements · %d open, %d mitigated, %d unknown · %d attack paths\n\n",
		md(opts.Version), tm.Summary.Elements, tm.Summary.Open, tm.Summary.Mitigated, tm.Summary.Unknown, len(tm.Paths))
	if len(tm.Paths) > 0 {
		fmt.Fprintf(&b, "## Attack paths\n\n")
		for i, p := range tm.Paths {
			var names []string
			for _, id := range p {
				names = append(names, name(id))
			}
			fmt.Fprintf(&b, "%d. %s\n", i+1, strings.Join(names, " → "))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "## Open threats\n\n")
	open := 0
	for _, t := range tm.Threats {
		for _, e := range tm.Elements {
			for _, a := range e.Threats {
				if a.Threat != t.ID || a.Status != threat.Open {
					continue
				}
				if open == 0 {
					b.WriteString("| Threat | Element | Severity | Findings |\n|---|---|---|---|\n")
				}
				open++
				var fs []string
				for _, f := range a.Findings {
					fs = append(fs, fmt.Sprintf("%s (%s:%d)", f.Rule, md(f.File), f.Line))
				}
				fmt.Fprintf(&b, "| %s %s | %s | %s | %s |\n", t.ID, md(t.Title), md(e.Name), a.Severity, strings.Join(fs, "; "))
			}
		}
	}
	if open == 0 {
		b.WriteString("None.\n")
	}
	fmt.Fprintf(&b, "\n## Elements and trust boundaries\n\n| Boundary | Element | Kind | Class | Open | Mitigated | Unknown |\n|---|---|---|---|---|---|---|\n")
	elements := sortedElements(tm, ix)
	for _, e := range elements {
		o, m, u := counts(e)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %d | %d |\n", md(ix.boundary(e.Boundary)), md(e.Name), e.Kind, e.Class, o, m, u)
	}
	fmt.Fprintf(&b, "\n## Flows\n\n| From | To | Flow |\n|---|---|---|\n")
	for _, f := range tm.Flows {
		mark := ""
		if f.Attack {
			mark = " (attack path)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s%s |\n", name(f.From), name(f.To), md(f.Label), mark)
	}
	fmt.Fprintf(&b, "\n## Threats by element\n")
	for _, t := range tm.Threats {
		fmt.Fprintf(&b, "\n### %s %s\n\n%s · %s", t.ID, md(t.Title), t.STRIDE, t.Severity)
		if len(t.ATLAS) > 0 {
			fmt.Fprintf(&b, " · ATLAS %s", strings.Join(t.ATLAS, ", "))
		}
		if len(t.ATTACK) > 0 {
			fmt.Fprintf(&b, " · ATT&CK %s", strings.Join(t.ATTACK, ", "))
		}
		fmt.Fprintf(&b, "\n\n%s\n\n", md(t.Description))
		rows := 0
		for _, e := range elements {
			for _, a := range e.Threats {
				if a.Threat == t.ID {
					if rows == 0 {
						b.WriteString("| Element | Status | Why |\n|---|---|---|\n")
					}
					rows++
					fmt.Fprintf(&b, "| %s | %s | %s |\n", md(e.Name), a.Status, md(a.Why))
				}
			}
		}
		if rows == 0 {
			b.WriteString("No element of the scan is of a kind this threat applies to.\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// index looks elements and boundaries up by ID.
type index struct {
	names, boundaries map[string]string
}

func indexOf(tm *threat.Model) index {
	ix := index{names: map[string]string{}, boundaries: map[string]string{}}
	for _, e := range tm.Elements {
		ix.names[e.ID] = e.Name
	}
	for _, b := range tm.Boundaries {
		ix.boundaries[b.ID] = b.Name
	}
	return ix
}

func (ix index) name(id string) string     { return cmp.Or(ix.names[id], id) }
func (ix index) boundary(id string) string { return cmp.Or(ix.boundaries[id], id) }

// sortedElements orders elements by boundary, then name.
func sortedElements(tm *threat.Model, ix index) []*threat.Element {
	out := slices.Clone(tm.Elements)
	slices.SortStableFunc(out, func(a, b *threat.Element) int {
		return cmp.Or(strings.Compare(ix.boundary(a.Boundary), ix.boundary(b.Boundary)), strings.Compare(a.Name, b.Name))
	})
	return out
}

func counts(e *threat.Element) (open, mitigated, unknown int) {
	for _, a := range e.Threats {
		switch a.Status {
		case threat.Open:
			open++
		case threat.Mitigated:
			mitigated++
		default:
			unknown++
		}
	}
	return
}
