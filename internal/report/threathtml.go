package report

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/threat"
)

//go:embed html/threat.html.tmpl
var threatHTML string

// dotEscaper escapes text for a double-quoted DOT string.
var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ")

var nodeShape = map[threat.Kind]string{threat.Process: "ellipse", threat.Store: "cylinder", threat.External: "box", threat.Identity: "hexagon"}

// dot writes the diagram in the DOT language: boundaries as nested
// clusters, elements as nodes shaped by kind, attack-path flows in red.
func dot(tm *threat.Model) string {
	var b strings.Builder
	b.WriteString("digraph threatmodel {\n  rankdir=LR; fontname=\"Helvetica\"; fontsize=11; nodesep=0.35; ranksep=0.7;\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#ffffff\", color=\"#5c5c66\"];\n  edge [fontname=\"Helvetica\", fontsize=9, color=\"#7a7a85\", fontcolor=\"#5c5c66\"];\n")
	children := map[string][]*threat.Boundary{}
	number := map[string]int{} // b-N names a boundary's frame in the SVG
	for i, bd := range tm.Boundaries {
		children[bd.Parent] = append(children[bd.Parent], bd)
		number[bd.ID] = i + 1
	}
	members := map[string][]*threat.Element{}
	for _, e := range tm.Elements {
		members[e.Boundary] = append(members[e.Boundary], e)
	}
	var cluster func(bd *threat.Boundary, indent string)
	cluster = func(bd *threat.Boundary, indent string) {
		fmt.Fprintf(&b, "%ssubgraph \"cluster_%s\" {\n%s  id=\"b-%d\"; class=\"boundary %s\"; label=\"%s\"; style=\"dashed,rounded\"; color=\"#b3261e\"; fontcolor=\"#b3261e\";\n",
			indent, dotEscaper.Replace(bd.ID), indent, number[bd.ID], bd.Kind, dotEscaper.Replace(bd.Name))
		for _, e := range members[bd.ID] {
			node(&b, e, indent+"  ")
		}
		for _, c := range children[bd.ID] {
			cluster(c, indent+"  ")
		}
		fmt.Fprintf(&b, "%s}\n", indent)
	}
	for _, bd := range children[""] {
		cluster(bd, "  ")
	}
	for _, f := range tm.Flows {
		attrs := ""
		if f.Attack {
			attrs = `, color="#b3261e", fontcolor="#b3261e", penwidth=2.2, class="flow attack"`
		} else {
			attrs = `, class="flow"`
		}
		fmt.Fprintf(&b, "  %s -> %s [label=\"%s\"%s];\n", f.From, f.To, dotEscaper.Replace(f.Label), attrs)
	}
	b.WriteString("}\n")
	return b.String()
}

func node(b *strings.Builder, e *threat.Element, indent string) {
	open, _, _ := counts(e)
	fill := "#ffffff"
	if open > 0 {
		fill = "#fde7e6"
	}
	label := e.Name
	if r := []rune(label); len(r) > 48 {
		label = "…" + string(r[len(r)-47:]) // the end of an address says most
	}
	fmt.Fprintf(b, "%s%s [id=\"node-%s\", class=\"element %s\", shape=%s, fillcolor=\"%s\", label=\"%s\\n%s\", tooltip=\"%s\"];\n",
		indent, e.ID, e.ID, e.Kind, nodeShape[e.Kind], fill, dotEscaper.Replace(label), e.Class, dotEscaper.Replace(e.Name))
}

var svgStart = regexp.MustCompile(`(?s)^.*?(<svg\b)`)
var svgSize = regexp.MustCompile(`<svg width="[^"]*" height="[^"]*"`)

// ErrNoGraphviz says that Graphviz's dot, which lays the diagram out, is not
// installed.
var ErrNoGraphviz = errors.New("Graphviz's dot is not installed (apt-get install graphviz), so the page has no diagram; the tables hold the same content")

// Bounds on laying a diagram out.
const (
	layoutTimeout = 60 * time.Second
	maxSVG        = 32 << 20
)

// diagram lays the diagram out with Graphviz's dot and returns the SVG
// element, sized by the page. dot runs as a program of its own, not a
// library linked in: go-graphviz, the library that embeds it, compiles
// Graphviz's WebAssembly when any program that links it starts, which
// doubled the start of every mlguard command (0.08 s to 0.15 s) for the
// one that draws.
func diagram(ctx context.Context, tm *threat.Model) (string, error) { return layout(ctx, dot(tm)) }

// layout runs dot on a graph's source, bounded in time and output.
func layout(ctx context.Context, src string) (string, error) {
	bin, err := exec.LookPath("dot")
	if err != nil {
		return "", ErrNoGraphviz
	}
	ctx, cancel := context.WithTimeout(ctx, layoutTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-Tsvg")
	cmd.Stdin = strings.NewReader(src)
	out := &capped{max: maxSVG}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &capped{w: &stderr, max: 64 << 10}
	if err := cmd.Run(); err != nil {
		switch {
		case out.over:
			return "", fmt.Errorf("graph layout: dot wrote more than %d bytes", maxSVG)
		case ctx.Err() != nil:
			return "", fmt.Errorf("graph layout: dot took longer than %s", layoutTimeout)
		}
		return "", fmt.Errorf("graph layout: %s: %w: %s", bin, err, strings.TrimSpace(stderr.String()))
	}
	svg := svgStart.ReplaceAllString(out.buf.String(), "$1")
	svg = svgSize.ReplaceAllString(svg, `<svg role="img" aria-labelledby="diagram-title" class="diagram"`)
	return svg, nil
}

// capped keeps at most max bytes and fails the write after.
type capped struct {
	buf  bytes.Buffer
	w    io.Writer
	max  int
	n    int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	if c.n+len(p) > c.max {
		c.over = true
		return 0, errors.New("output too large")
	}
	c.n += len(p)
	if c.w != nil {
		return c.w.Write(p)
	}
	return c.buf.Write(p)
}

type threatRow struct {
	Threat, Title, STRIDE, Severity, Status, Why string
	Element, ElementID                           string
	Findings                                     []threat.FindingRef
}

type threatPage struct {
	Version string
	Model   *threat.Model
	SVG     template.HTML
	// NoDiagram says why the page has no diagram.
	NoDiagram string
	Rows      []threatRow
	Elements  []*threat.Element
	Paths     [][]string
	Names     map[string]string
	Counts    string
	STRIDE    []string
}

// writeThreatHTML writes the threat model as one self-contained page: the
// diagram as inline SVG, the same content as tables for readers without
// it, and the threats with filters.
func writeThreatHTML(ctx context.Context, w io.Writer, tm *threat.Model, opts Options) error {
	svg, err := diagram(ctx, tm)
	note := ""
	switch {
	case errors.Is(err, ErrNoGraphviz):
		note = err.Error()
	case err != nil:
		return err
	}
	p := threatPage{Version: opts.Version, Model: tm, SVG: template.HTML(svg), NoDiagram: note, STRIDE: threat.STRIDE,
		Counts: fmt.Sprintf("%d elements · %d open, %d mitigated, %d unknown · %d attack paths", tm.Summary.Elements, tm.Summary.Open,
			tm.Summary.Mitigated, tm.Summary.Unknown, len(tm.Paths))}
	ix := indexOf(tm)
	p.Names = ix.names
	p.Elements = sortedElements(tm, ix)
	p.Paths = tm.Paths
	byID := map[string]threat.Threat{}
	for _, t := range tm.Threats {
		byID[t.ID] = t
	}
	for _, e := range p.Elements {
		for _, a := range e.Threats {
			t := byID[a.Threat]
			p.Rows = append(p.Rows, threatRow{Threat: t.ID, Title: t.Title, STRIDE: t.STRIDE, Severity: a.Severity.String(), Status: a.Status,
				Why: a.Why, Element: e.Name, ElementID: e.ID, Findings: a.Findings})
		}
	}
	t, err := template.New("threat").Funcs(template.FuncMap{"lower": strings.ToLower, "boundary": ix.boundary}).Parse(threatHTML)
	if err != nil {
		return fmt.Errorf("threat model template: %w", err)
	}
	return t.Execute(w, p)
}
