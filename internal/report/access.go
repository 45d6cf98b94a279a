package report

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/access"
	"github.com/mlguard/mlguard/internal/rule"
)

// AccessFormats are the formats of mlguard access.
var AccessFormats = []string{"text", "json", "sarif", "dot", "mermaid", "html"}

// WriteAccess writes the access analysis in a format.
func WriteAccess(ctx context.Context, w io.Writer, format string, g *access.Graph, opts Options) error {
	switch format {
	case "text":
		return accessText(w, g)
	case "json":
		return accessJSON(w, g, opts)
	case "sarif":
		return accessSARIF(w, g, opts)
	case "dot":
		_, err := io.WriteString(w, accessDot(g))
		return err
	case "mermaid":
		_, err := io.WriteString(w, accessMermaid(g))
		return err
	case "html":
		return accessHTML(ctx, w, g, opts)
	}
	return fmt.Errorf("unknown format %q", format)
}

func accessCounts(g *access.Graph) (principals, assets int) {
	for _, n := range g.Nodes {
		if n.Principal() {
			principals++
		} else {
			assets++
		}
	}
	return principals, assets
}

func accessText(w io.Writer, g *access.Graph) error {
	p, a := accessCounts(g)
	var b strings.Builder
	fmt.Fprintf(&b, "mlguard access: %d principals, %d assets, %d edges\n\n", p, a, len(g.Edges))
	for _, f := range g.Findings {
		fmt.Fprintf(&b, "%-8s %s  %s\n", f.Severity, f.ID, f.Title)
		msg, _, _ := strings.Cut(f.Message, "; path: ")
		fmt.Fprintf(&b, "  %s\n", wrapAt(msg, 2, 4))
		if len(f.Path) > 1 {
			fmt.Fprintf(&b, "  path: %s\n", wrapAt(access.PathText(f.Path), 8, 8))
		}
		if f.Range.File != "" {
			fmt.Fprintf(&b, "  at %s (%s)\n", f.Range, f.Address)
		}
		b.WriteString("\n")
	}
	bySev := map[rule.Severity]int{}
	for _, f := range g.Findings {
		bySev[f.Severity]++
	}
	if len(g.Findings) == 0 {
		b.WriteString("No findings: no tenant reaches another's assets and nothing is open outside the organization.\n")
	} else {
		fmt.Fprintf(&b, "%d %s: %d critical, %d high\n", len(g.Findings), plural(len(g.Findings), "finding", "findings"), bySev[rule.Critical], bySev[rule.High])
	}
	if len(g.Notes) > 0 {
		fmt.Fprintf(&b, "%d things were not evaluated (listed on stderr, and under not_evaluated in JSON)\n", len(g.Notes))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// accessDoc is the JSON document of mlguard access, version 1.
type accessDoc struct {
	Version  string           `json:"mlguard_version"`
	Schema   int              `json:"schema_version"`
	Nodes    []*access.Node   `json:"nodes"`
	Edges    []accessEdge     `json:"edges"`
	Findings []access.Finding `json:"findings"`
	Notes    []string         `json:"not_evaluated"`
}

type accessEdge struct {
	From string `json:"from"`
	To   string `json:"to"`
	*access.Edge
}

func accessJSON(w io.Writer, g *access.Graph, opts Options) error {
	doc := accessDoc{Version: opts.Version, Schema: 1, Nodes: g.Nodes, Findings: g.Findings, Notes: g.Notes, Edges: []accessEdge{}}
	for _, e := range g.Edges {
		doc.Edges = append(doc.Edges, accessEdge{From: e.From.ID, To: e.To.ID, Edge: e})
	}
	if doc.Findings == nil {
		doc.Findings = []access.Finding{}
	}
	if doc.Notes == nil {
		doc.Notes = []string{}
	}
	return encodeJSON(w, doc)
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// accessRules are the findings' rules in SARIF, in ID order.
func accessRules() []string {
	ids := make([]string, 0, len(access.Titles))
	for id := range access.Titles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func accessSARIF(w io.Writer, g *access.Graph, opts Options) error {
	driver := sarifDriver{Name: "mlguard", Version: opts.Version, InformationURI: "https://github.com/mlguard/mlguard", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, id := range accessRules() {
		index[id] = i
		title := access.Titles[id]
		driver.Rules = append(driver.Rules, sarifRule{ID: id, Name: toPascal(strings.ToLower(strings.ReplaceAll(title, " ", "-"))),
			ShortDescription: sarifText{Text: title}, FullDescription: sarifText{Text: title},
			Help:                 sarifText{Text: title + " (docs/access.md)", Markdown: title + " ([docs/access.md](docs/access.md))"},
			DefaultConfiguration: sarifConfig{Level: "error"},
			Properties:           sarifProperties{Tags: []string{"security", "iam", "access"}, SecuritySeverity: securitySeverity[rule.Critical], Precision: "high"}})
	}
	inv := sarifInvocation{ExecutionSuccessful: true, Notifications: []sarifNotification{}}
	for _, n := range g.Notes {
		inv.Notifications = append(inv.Notifications, notification("note", "not evaluated: "+n, "", 0))
	}
	results := make([]sarifResult, 0, len(g.Findings))
	for _, f := range g.Findings {
		sr := sarifResult{RuleID: f.ID, RuleIndex: index[f.ID], Level: sarifLevel(f.Severity), Message: sarifText{Text: f.Message},
			PartialFingerprints: map[string]string{"mlguardAccess/v1": f.ID + "/" + f.Principal + "/" + f.Asset}}
		sr.Locations = []sarifLocation{}
		if f.Range.File != "" {
			sr.Locations = append(sr.Locations, location1(f.Range.File, f.Range.StartLine, f.Range.EndLine, f.Address))
		}
		results = append(results, sr)
	}
	data, err := json.Marshal(results)
	if err != nil {
		return err
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Invocations: []sarifInvocation{inv}, Results: data}}}
	return encodeJSON(w, log)
}

// accessShape draws principals as boxes, outsiders as octagons and assets
// as cylinders.
func accessShape(n *access.Node) string {
	switch n.Kind {
	case access.KindAnyone, access.KindAccount:
		return "octagon"
	case access.KindRole, access.KindUser:
		return "box"
	}
	return "cylinder"
}

// edgeLabel names an edge's capability, marked when conditional.
func edgeLabel(e *access.Edge) string {
	if e.Conditional {
		return e.Capability + "?"
	}
	return e.Capability
}

// accessDot is the graph in Graphviz's language: one cluster per account,
// findings' paths drawn in red.
func accessDot(g *access.Graph) string {
	var b strings.Builder
	b.WriteString("digraph access {\n  rankdir=LR;\n  graph [fontname=\"Helvetica\"];\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")
	ids, accounts := groupByAccount(g)
	for i, grp := range accounts {
		acct := grp.account
		indent := "  "
		if acct != "" {
			fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=\"%s\";\n", i, dotEscaper.Replace(grp.label))
			indent = "    "
		}
		for _, n := range grp.nodes {
			fmt.Fprintf(&b, "%s%s [label=\"%s\", shape=%s, tooltip=\"%s\"];\n", indent, ids[n], dotEscaper.Replace(n.Label()), accessShape(n), dotEscaper.Replace(n.ID))
		}
		if acct != "" {
			b.WriteString("  }\n")
		}
	}
	onPath := pathEdges(g)
	for _, e := range g.Edges {
		attrs := fmt.Sprintf("label=\"%s\"", dotEscaper.Replace(edgeLabel(e)))
		if e.Conditional {
			attrs += ", style=dashed"
		}
		if onPath[pathKey(e.From.Label(), e.Capability, e.To.Label())] {
			attrs += ", color=\"#b3261e\", fontcolor=\"#b3261e\", penwidth=2"
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", ids[e.From], ids[e.To], attrs)
	}
	b.WriteString("}\n")
	return b.String()
}

// accountGroup is the nodes of one account ("" for outsiders) and how a
// diagram names it.
type accountGroup struct {
	account, label string
	nodes          []*access.Node
}

// groupByAccount names each node for a diagram (n0, n1, ...) and groups the
// nodes by account, in account order.
func groupByAccount(g *access.Graph) (map[*access.Node]string, []accountGroup) {
	ids := map[*access.Node]string{}
	index := map[string]int{}
	var out []accountGroup
	for i, n := range g.Nodes {
		ids[n] = fmt.Sprintf("n%d", i)
		j, ok := index[n.Account]
		if !ok {
			label := "account " + n.Account
			if n.Tenant != "" {
				label += " (" + n.Tenant + ")"
			}
			j = len(out)
			index[n.Account] = j
			out = append(out, accountGroup{account: n.Account, label: label})
		}
		out[j].nodes = append(out[j].nodes, n)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].account < out[b].account })
	return ids, out
}

func pathKey(from, capability, to string) string { return from + "\x00" + capability + "\x00" + to }

// pathEdges are the edges on a finding's path.
func pathEdges(g *access.Graph) map[string]bool {
	on := map[string]bool{}
	for _, f := range g.Findings {
		for _, s := range f.Path {
			on[pathKey(s.From, s.Capability, s.To)] = true
		}
	}
	return on
}

// mermaidText escapes a label for a Mermaid flowchart.
var mermaidText = strings.NewReplacer(`"`, "#quot;", "\n", " ", "<", "#lt;", ">", "#gt;")

// accessMermaid is the graph as a Mermaid flowchart, which GitHub renders
// in Markdown.
func accessMermaid(g *access.Graph) string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids, accounts := groupByAccount(g)
	shape := func(n *access.Node) string {
		label := mermaidText.Replace(n.Label())
		switch accessShape(n) {
		case "box":
			return "[\"" + label + "\"]"
		case "octagon":
			return "{{\"" + label + "\"}}"
		}
		return "[(\"" + label + "\")]"
	}
	for i, grp := range accounts {
		indent := "  "
		if grp.account != "" {
			fmt.Fprintf(&b, "  subgraph a%d[\"%s\"]\n", i, mermaidText.Replace(grp.label))
			indent = "    "
		}
		for _, n := range grp.nodes {
			fmt.Fprintf(&b, "%s%s%s\n", indent, ids[n], shape(n))
		}
		if grp.account != "" {
			b.WriteString("  end\n")
		}
	}
	onPath := pathEdges(g)
	var red []string
	for i, e := range g.Edges {
		arrow := "-->"
		if e.Conditional {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  %s %s|%s| %s\n", ids[e.From], arrow, mermaidText.Replace(edgeLabel(e)), ids[e.To])
		if onPath[pathKey(e.From.Label(), e.Capability, e.To.Label())] {
			red = append(red, fmt.Sprint(i))
		}
	}
	if len(red) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#b3261e,stroke-width:2px\n", strings.Join(red, ","))
	}
	return b.String()
}

//go:embed html/access.html.tmpl
var accessHTMLTemplate string

type accessPage struct {
	Version    string
	Principals int
	Assets     int
	Edges      int
	Findings   []access.Finding
	Paths      []string
	Notes      []string
	Diagram    template.HTML
	DiagramErr string
	Rows       []accessRow
}

type accessRow struct {
	From, Capability, To string
	Conditional          bool
	Notes                string
}

func accessHTML(ctx context.Context, w io.Writer, g *access.Graph, opts Options) error {
	p, a := accessCounts(g)
	page := accessPage{Version: opts.Version, Principals: p, Assets: a, Edges: len(g.Edges), Findings: g.Findings, Notes: g.Notes}
	for _, f := range g.Findings {
		page.Paths = append(page.Paths, access.PathText(f.Path))
	}
	for _, e := range g.Edges {
		page.Rows = append(page.Rows, accessRow{From: e.From.Label(), Capability: e.Capability, To: e.To.Label(), Conditional: e.Conditional,
			Notes: strings.Join(append(append([]string(nil), e.Notes...), e.Keys...), "; ")})
	}
	svg, err := layout(ctx, accessDot(g))
	if err != nil {
		page.DiagramErr = err.Error()
	}
	page.Diagram = template.HTML(svg) // dot's own SVG of escaped labels
	t, err := template.New("access").Parse(accessHTMLTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, page)
}

// WriteAnswers writes the answers of a who-can or what-can query.
func WriteAnswers(w io.Writer, format string, answers []access.Answer) error {
	if format == "json" {
		if answers == nil {
			answers = []access.Answer{}
		}
		return encodeJSON(w, answers)
	}
	var b strings.Builder
	if len(answers) == 0 {
		b.WriteString("No principal of the analysis can.\n")
	}
	for _, a := range answers {
		what := a.Asset
		if a.Path[len(a.Path)-1].From != "" {
			what = a.Path[len(a.Path)-1].To
		}
		fmt.Fprintf(&b, "%s  %s  %s\n", a.Principal, strings.Join(a.Capabilities, ","), what)
		fmt.Fprintf(&b, "  %s\n", access.PathText(a.Path))
		if a.Conditional {
			fmt.Fprintf(&b, "  conditional on %s\n", strings.Join(a.Keys, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// plural picks the word for a count.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
