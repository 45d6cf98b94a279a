package bicep

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxDepth bounds the nesting of expressions, so that hostile input cannot
// exhaust the stack.
const maxDepth = 200

// ParseError is a Bicep file that cannot be read, with the line where
// reading stopped.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

type parser struct {
	toks  []token
	i     int
	depth int
	// lineBase is added to line numbers (the line of a string whose hole
	// is being read).
	lineBase int
}

// bail stops parsing with an error; parse recovers it.
type bail struct{ err *ParseError }

func (p *parser) fail(format string, args ...any) {
	panic(bail{&ParseError{Line: p.peek().line + p.lineBase, Msg: fmt.Sprintf(format, args...)}})
}

// parse reads a Bicep (or .bicepparam) file.
func parse(name, src string) (f *file, err error) {
	toks, lerr := lex(src)
	if lerr != nil {
		le := lerr.(*lexError)
		return nil, &ParseError{Line: le.line, Msg: le.msg}
	}
	p := &parser{toks: toks}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bail)
			if !ok {
				panic(r)
			}
			f, err = nil, b.err
		}
	}()
	return p.file(name), nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) is(text string) bool {
	t := p.peek()
	return (t.kind == tPunct || t.kind == tIdent) && t.text == text
}

func (p *parser) accept(text string) bool {
	if p.is(text) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(text string) token {
	if !p.is(text) {
		p.fail("expected %q, found %s", text, p.peek())
	}
	return p.next()
}

func (p *parser) ident() string {
	t := p.peek()
	if t.kind != tIdent {
		p.fail("expected a name, found %s", t)
	}
	p.i++
	return t.text
}

func (p *parser) line() int { return p.peek().line + p.lineBase }

// prevLine is the line of the last token read.
func (p *parser) prevLine() int {
	if p.i == 0 {
		return 1 + p.lineBase
	}
	t := p.toks[p.i-1]
	return t.line + strings.Count(t.text, "\n")*btoi(t.kind == tString || t.kind == tMultiline) + p.lineBase
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (p *parser) skipNewlines() {
	for p.peek().kind == tNewline {
		p.i++
	}
}

// endStatement expects the end of a line (or of the file).
func (p *parser) endStatement() {
	switch p.peek().kind {
	case tNewline:
		p.skipNewlines()
	case tEOF:
	default:
		p.fail("expected the end of the line, found %s", p.peek())
	}
}

func (p *parser) file(name string) *file {
	f := &file{name: name, params: map[string]*paramDecl{}, vars: map[string]*varDecl{}, outputs: map[string]*varDecl{},
		symbols: map[string]any{}, assigns: map[string]*varDecl{}}
	p.skipNewlines()
	for p.peek().kind != tEOF {
		p.statement(f)
		p.skipNewlines()
	}
	return f
}

func (p *parser) statement(f *file) {
	start := p.line()
	t := p.peek()
	if t.kind == tPunct && t.text == "@" {
		p.decorator()
		return
	}
	if t.kind == tPunct && t.text == "#" { // #disable-next-line and other pragmas
		p.skipLine()
		return
	}
	if t.kind != tIdent {
		p.fail("expected a declaration, found %s", t)
	}
	switch t.text {
	case "param":
		p.next()
		name := p.ident()
		if p.accept("=") { // a .bicepparam assignment
			v := p.expr()
			f.assigns[name] = &varDecl{sp: span{start, p.prevLine()}, name: name, value: v}
			p.endStatement()
			return
		}
		p.skipType()
		d := &paramDecl{name: name}
		if p.accept("=") {
			d.value = p.expr()
		}
		d.sp = span{start, p.prevLine()}
		f.params[name], f.symbols[name] = d, d
		p.endStatement()
	case "var":
		d := p.named(start)
		f.vars[d.name], f.symbols[d.name] = d, d
		p.endStatement()
	case "output":
		d := p.named(start)
		f.outputs[d.name] = d
		p.endStatement()
	case "resource":
		r := p.resource(start)
		f.resources = append(f.resources, r)
		f.symbols[r.name] = r
		p.endStatement()
	case "module":
		p.next()
		name := p.ident()
		path := p.stringLit()
		p.expect("=")
		m := &moduleDecl{name: name, path: path, body: p.declBody()}
		m.sp = span{start, p.prevLine()}
		f.modules = append(f.modules, m)
		f.symbols[name] = m
		p.endStatement()
	case "using":
		p.next()
		if p.peek().kind == tString {
			f.using = p.stringLit()
		}
		p.skipLine()
	case "type":
		p.skipTypeDecl()
	case "func":
		// func NAME(PARAMS) TYPE => EXPR: read, so its lines are skipped.
		p.skipUntil("=>")
		p.expect("=>")
		p.skipNewlines()
		p.expr()
		p.endStatement()
	case "targetScope", "metadata", "import", "extension", "provider", "assert":
		p.skipStatement()
	default:
		p.fail("unknown declaration %q", t.text)
	}
}

// named reads `var NAME [TYPE] = EXPR` or `output NAME TYPE = EXPR`.
func (p *parser) named(start int) *varDecl {
	p.next()
	name := p.ident()
	p.skipType()
	p.expect("=")
	d := &varDecl{name: name, value: p.expr()}
	d.sp = span{start, p.prevLine()}
	return d
}

// resource reads `resource NAME 'TYPE@VERSION' [existing] = BODY`.
func (p *parser) resource(start int) *resourceDecl {
	p.expect("resource")
	r := &resourceDecl{name: p.ident()}
	typ := p.stringLit()
	r.typ, r.version, _ = strings.Cut(typ, "@")
	if r.typ == "" || strings.HasPrefix(r.typ, "/") || strings.HasSuffix(r.typ, "/") {
		p.i--
		p.fail("resource %s has no valid type (%q)", r.name, typ)
	}
	if p.accept("existing") {
		r.existing = true
	}
	p.expect("=")
	r.body = p.declBody()
	r.sp = span{start, p.prevLine()}
	return r
}

// declBody reads the body of a resource or module: an object, if (...)
// object, or a for expression.
func (p *parser) declBody() expr {
	start := p.line()
	if p.is("if") {
		p.next()
		p.expect("(")
		p.skipNewlines()
		c := p.expr()
		p.skipNewlines()
		p.expect(")")
		body := p.expr()
		return &ifExpr{sp: span{start, p.prevLine()}, cond: c, body: body}
	}
	return p.expr()
}

func (p *parser) decorator() {
	p.expect("@")
	p.postfix()
}

// skipLine skips the rest of the line.
func (p *parser) skipLine() {
	for p.peek().kind != tNewline && p.peek().kind != tEOF {
		p.i++
	}
}

// nesting is how a token changes the bracket depth.
func nesting(t token) int {
	if t.kind != tPunct {
		return 0
	}
	switch t.text {
	case "{", "[", "(", "[?":
		return 1
	case "}", "]", ")":
		return -1
	}
	return 0
}

// skipStatement skips a declaration that declares nothing resources use
// (types, functions, imports, metadata): to the end of the line at
// bracket depth zero.
func (p *parser) skipStatement() {
	depth := 0
	for {
		t := p.peek()
		switch {
		case t.kind == tEOF:
			return
		case t.kind == tNewline && depth == 0:
			return
		default:
			depth += nesting(t)
		}
		p.i++
	}
}

// skipUntil skips tokens up to one of stops at bracket depth zero
// (newlines included).
func (p *parser) skipUntil(stops ...string) {
	depth := 0
	for {
		t := p.peek()
		switch {
		case t.kind == tEOF:
			p.fail("expected one of %q", stops)
		case depth == 0 && t.kind == tPunct && slices.Contains(stops, t.text):
			return
		default:
			depth += nesting(t)
		}
		p.i++
	}
}

// skipTypeDecl skips `type NAME = TYPE`.
func (p *parser) skipTypeDecl() {
	p.skipUntil("=")
	p.next()
	p.skipType()
}

// skipType skips a type: up to = or the end of the line at depth zero;
// a union type may go on over lines that start with |.
func (p *parser) skipType() {
	depth := 0
	for {
		t := p.peek()
		switch {
		case t.kind == tEOF:
			return
		case depth == 0 && t.kind == tNewline:
			j := p.i
			for p.toks[j].kind == tNewline {
				j++
			}
			if n := p.toks[j]; n.kind != tPunct || n.text != "|" {
				return
			}
			p.i = j
		case depth == 0 && t.kind == tPunct && t.text == "=":
			return
		default:
			depth += nesting(t)
		}
		p.i++
	}
}

// stringLit reads a string without holes.
func (p *parser) stringLit() string {
	t := p.peek()
	if t.kind == tMultiline {
		p.i++
		return t.text
	}
	if t.kind != tString {
		p.fail("expected a string, found %s", t)
	}
	p.i++
	s, holes := p.splitString(t)
	if len(holes) > 0 {
		p.fail("expected a string without ${...}")
	}
	return s[0]
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail("expressions nest deeper than %d levels", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) expr() expr {
	p.enter()
	defer p.leave()
	start := p.line()
	// A lambda: x => body, (a, b) => body.
	if p.peek().kind == tIdent && p.peekAt(1).kind == tPunct && p.peekAt(1).text == "=>" {
		name := p.ident()
		p.next()
		p.skipNewlines()
		return &lambda{sp: span{start, p.prevLine()}, params: []string{name}, body: p.expr()}
	}
	if p.is("(") && p.lambdaAhead() {
		p.next()
		var params []string
		for !p.is(")") {
			params = append(params, p.ident())
			p.skipUntil(",", ")") // a typed parameter of a function
			p.accept(",")
		}
		p.next()
		p.expect("=>")
		p.skipNewlines()
		return &lambda{sp: span{start, p.prevLine()}, params: params, body: p.expr()}
	}
	c := p.binary(0)
	if p.continued("?") {
		p.skipNewlines()
		p.next()
		p.skipNewlines()
		a := p.expr()
		if !p.continued(":") {
			p.fail("expected \":\" in a conditional expression, found %s", p.peek())
		}
		p.skipNewlines()
		p.next()
		p.skipNewlines()
		b := p.expr()
		return &ternary{sp: span{start, p.prevLine()}, cond: c, a: a, b: b}
	}
	return c
}

// lambdaAhead reports whether the parenthesis at the cursor closes before
// a =>.
func (p *parser) lambdaAhead() bool {
	depth := 0
	for j := p.i; j < len(p.toks); j++ {
		t := p.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				n := p.toks[min(j+1, len(p.toks)-1)]
				return n.kind == tPunct && n.text == "=>"
			}
		}
	}
	return false
}

// continued reports whether the operator op comes next, on this line or at
// the start of the next ones (a long condition broken before && or ?).
func (p *parser) continued(op string) bool {
	j := p.i
	for p.toks[j].kind == tNewline {
		j++
	}
	t := p.toks[j]
	if t.kind != tPunct || t.text != op {
		return false
	}
	if j != p.i && op != "?" && op != ":" && op != "&&" && op != "||" && op != "??" {
		return false
	}
	return true
}

// levels are the binary operators by precedence, loosest first.
var levels = [][]string{
	{"??"}, {"||"}, {"&&"}, {"==", "!=", "=~", "!~"}, {"<", ">", "<=", ">="}, {"+", "-"}, {"*", "/", "%"},
}

func (p *parser) binary(level int) expr {
	if level == len(levels) {
		return p.unary()
	}
	start := p.line()
	l := p.binary(level + 1)
	for {
		op := ""
		for _, o := range levels[level] {
			if p.continued(o) {
				op = o
				break
			}
		}
		if op == "" {
			return l
		}
		p.skipNewlines()
		p.next()
		p.skipNewlines()
		p.enter()
		r := p.binary(level + 1)
		p.leave()
		l = &binary{sp: span{start, p.prevLine()}, op: op, l: l, r: r}
	}
}

func (p *parser) unary() expr {
	start := p.line()
	if p.is("!") || p.is("-") {
		op := p.next().text
		p.enter()
		defer p.leave()
		return &unary{sp: span{start, p.prevLine()}, op: op, x: p.unary()}
	}
	return p.postfix()
}

func (p *parser) postfix() expr {
	start := p.line()
	x := p.primary()
	for {
		switch {
		case p.is(".") || p.is(".?"):
			safe := p.next().text == ".?"
			name := p.ident()
			if p.is("(") { // a method: stg.listKeys(), az.resourceGroup()
				args := p.args()
				ns := ""
				if id, ok := x.(*ident); ok && (id.name == "sys" || id.name == "az") {
					ns, x = id.name, nil
				}
				x = &call{sp: span{start, p.prevLine()}, recv: x, ns: ns, name: name, args: args}
				continue
			}
			x = &member{sp: span{start, p.prevLine()}, x: x, name: name, safe: safe}
		case p.is("[") || p.is("[?"):
			safe := p.next().text == "[?"
			p.skipNewlines()
			i := p.expr()
			p.skipNewlines()
			p.expect("]")
			x = &index{sp: span{start, p.prevLine()}, x: x, i: i, safe: safe}
		case p.is("!") && p.peekAt(1).kind != tIdent && !(p.peekAt(1).kind == tPunct && (p.peekAt(1).text == "(" || p.peekAt(1).text == "!")):
			p.next()
			x = &nonNull{sp: span{start, p.prevLine()}, x: x}
		case p.is("::"): // a nested resource: parent::child
			p.next()
			x = &member{sp: span{start, p.prevLine()}, x: x, name: "::" + p.ident()}
		default:
			return x
		}
	}
}

func (p *parser) args() []expr {
	p.expect("(")
	var args []expr
	p.skipNewlines()
	for !p.is(")") {
		args = append(args, p.expr())
		p.skipNewlines()
		if !p.accept(",") && !p.is(")") {
			p.fail("expected \",\" or \")\" in arguments, found %s", p.peek())
		}
		p.skipNewlines()
	}
	p.next()
	return args
}

func (p *parser) primary() expr {
	p.enter()
	defer p.leave()
	start := p.line()
	t := p.peek()
	switch {
	case t.kind == tString:
		p.next()
		parts, holes := p.splitString(t)
		if len(holes) == 0 {
			return &lit{sp: span{start, p.prevLine()}, val: parts[0]}
		}
		return &interp{sp: span{start, p.prevLine()}, parts: parts, holes: holes}
	case t.kind == tMultiline:
		p.next()
		return &lit{sp: span{start, p.prevLine()}, val: strings.TrimPrefix(strings.TrimPrefix(t.text, "\r"), "\n")}
	case t.kind == tNumber:
		p.next()
		return &lit{sp: span{start, start}, val: t.text, num: true}
	case t.kind == tIdent:
		p.next()
		switch t.text {
		case "true", "false":
			return &lit{sp: span{start, start}, val: t.text == "true"}
		case "null":
			return &lit{sp: span{start, start}}
		}
		if p.is("(") {
			return &call{sp: span{start, start}, name: t.text, args: p.args()}
		}
		return &ident{sp: span{start, start}, name: t.text}
	case t.kind == tPunct && t.text == "(":
		p.next()
		p.skipNewlines()
		x := p.expr()
		p.skipNewlines()
		p.expect(")")
		return x
	case t.kind == tPunct && t.text == "[":
		return p.arrayOrFor()
	case t.kind == tPunct && t.text == "{":
		return p.object()
	}
	p.fail("expected an expression, found %s", t)
	return nil
}

func (p *parser) arrayOrFor() expr {
	start := p.line()
	p.expect("[")
	p.skipNewlines()
	if p.is("for") {
		p.next()
		f := &forExpr{}
		if p.accept("(") {
			f.item = p.ident()
			p.expect(",")
			f.index = p.ident()
			p.expect(")")
		} else {
			f.item = p.ident()
		}
		p.expect("in")
		f.iter = p.expr()
		p.expect(":")
		p.skipNewlines()
		f.body = p.declBody()
		p.skipNewlines()
		p.expect("]")
		f.sp = span{start, p.prevLine()}
		return f
	}
	a := &array{}
	for !p.is("]") {
		if p.peek().kind == tEOF {
			p.fail("unterminated array")
		}
		if p.accept("...") {
			a.items = append(a.items, &unary{sp: span{p.line(), p.line()}, op: "...", x: p.expr()})
		} else {
			a.items = append(a.items, p.expr())
		}
		p.accept(",")
		p.skipNewlines()
	}
	p.next()
	a.sp = span{start, p.prevLine()}
	return a
}

func (p *parser) object() expr {
	start := p.line()
	p.expect("{")
	p.skipNewlines()
	o := &object{}
	for !p.is("}") {
		t := p.peek()
		pstart := p.line()
		switch {
		case t.kind == tEOF:
			p.fail("unterminated object")
		case t.kind == tPunct && t.text == "@":
			p.decorator()
		case t.kind == tPunct && t.text == "#":
			p.skipLine()
		case t.kind == tPunct && t.text == "...":
			p.next()
			o.props = append(o.props, prop{sp: span{pstart, pstart}, value: p.expr(), spread: true})
		case t.kind == tIdent && t.text == "resource" && p.peekAt(1).kind == tIdent:
			o.resources = append(o.resources, p.resource(pstart))
		default:
			pr := prop{}
			switch t.kind {
			case tIdent:
				pr.key = p.next().text
			case tString:
				p.next()
				parts, holes := p.splitString(t)
				if len(holes) == 0 {
					pr.key = parts[0]
				} else {
					pr.keyX = &interp{sp: span{pstart, pstart}, parts: parts, holes: holes}
				}
			default:
				p.fail("expected a property name, found %s", t)
			}
			p.expect(":")
			p.skipNewlines()
			pr.value = p.expr()
			pr.sp = span{pstart, p.prevLine()}
			o.props = append(o.props, pr)
		}
		p.accept(",")
		p.skipNewlines()
	}
	p.next()
	o.sp = span{start, p.prevLine()}
	return o
}

// splitString reads a string token's escapes and holes.
func (p *parser) splitString(t token) (parts []string, holes []expr) {
	raw := t.text
	var cur strings.Builder
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			i += p.escape(raw, i, &cur)
		case strings.HasPrefix(raw[i:], "${"):
			end, ok := holeEnd(raw, i+2, 0)
			if !ok {
				p.fail("unterminated ${ in a string")
			}
			parts = append(parts, cur.String())
			cur.Reset()
			holes = append(holes, p.hole(raw[i+2:end], t.line+strings.Count(raw[:i], "\n")))
			i = end + 1
		default:
			cur.WriteByte(c)
			i++
		}
	}
	return append(parts, cur.String()), holes
}

func (p *parser) escape(raw string, i int, cur *strings.Builder) int {
	switch raw[i+1] {
	case 'n':
		cur.WriteByte('\n')
	case 'r':
		cur.WriteByte('\r')
	case 't':
		cur.WriteByte('\t')
	case 'u':
		if end := strings.IndexByte(raw[i:], '}'); i+2 < len(raw) && raw[i+2] == '{' && end > 0 {
			if n, err := strconv.ParseUint(raw[i+3:i+end], 16, 32); err == nil {
				cur.WriteRune(rune(n))
			}
			return end + 1
		}
		cur.WriteString(`\u`)
	default: // \\ \' \$ \{
		cur.WriteByte(raw[i+1])
	}
	return 2
}

// hole parses the expression of a ${} hole.
func (p *parser) hole(src string, line int) expr {
	toks, err := lex(src)
	if err != nil {
		p.fail("in ${...}: %v", err)
	}
	for i := range toks {
		toks[i].line += line - 1
	}
	sub := &parser{toks: toks, depth: p.depth, lineBase: p.lineBase}
	sub.skipNewlines()
	x := sub.expr()
	sub.skipNewlines()
	if sub.peek().kind != tEOF {
		sub.fail("unexpected %s in ${...}", sub.peek())
	}
	return x
}
