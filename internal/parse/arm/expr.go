package arm

import (
	"errors"
	"fmt"
	"strings"
)

// The template expression language: a JSON string "[...]" holds one
// expression of function calls, single-quoted strings, integers, and
// property (.name) and index ([expr]) accesses on their results.

// MaxExprDepth bounds the nesting of calls and accesses in one expression.
const MaxExprDepth = 64

// maxExprLen bounds the length of one expression string.
const maxExprLen = 64 << 10

type expr interface{ isExpr() }

type (
	strLit  struct{ s string }
	numLit  struct{ s string }
	boolLit struct{ b bool }
	nullLit struct{}
	call    struct {
		name string // lower-cased, namespace.name for user functions
		args []expr
	}
	access struct {
		target expr
		prop   string
	}
	index struct{ target, index expr }
)

func (strLit) isExpr()  {}
func (numLit) isExpr()  {}
func (boolLit) isExpr() {}
func (nullLit) isExpr() {}
func (call) isExpr()    {}
func (access) isExpr()  {}
func (index) isExpr()   {}

// isExpression reports whether a template string is an expression, and
// returns the literal text of one escaped with a leading "[[".
func isExpression(s string) (literal string, isExpr bool) {
	if strings.HasPrefix(s, "[[") {
		return s[1:], false
	}
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		return "", true
	}
	return s, false
}

type exprParser struct {
	src   string
	pos   int
	depth int
}

var errSyntax = errors.New("invalid template expression")

// parseExpr parses the text between the brackets of an expression string.
func parseExpr(src string) (expr, error) {
	if len(src) > maxExprLen {
		return nil, fmt.Errorf("%w: longer than %d bytes", errSyntax, maxExprLen)
	}
	p := &exprParser{src: src}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.src) {
		return nil, p.errorf("unexpected %q", p.src[p.pos:])
	}
	return x, nil
}

func (p *exprParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w at offset %d: %s", errSyntax, p.pos, fmt.Sprintf(format, args...))
}

func (p *exprParser) space() {
	for p.pos < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *exprParser) peek() byte {
	p.space()
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *exprParser) expr() (expr, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxExprDepth {
		return nil, p.errorf("nested deeper than %d levels", MaxExprDepth)
	}
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch p.peek() {
		case '.':
			p.pos++
			p.space()
			name := p.ident()
			if name == "" {
				return nil, p.errorf("a property name must follow '.'")
			}
			x = access{target: x, prop: name}
		case '[':
			p.pos++
			i, err := p.expr()
			if err != nil {
				return nil, err
			}
			if p.peek() != ']' {
				return nil, p.errorf("missing ']'")
			}
			p.pos++
			x = index{target: x, index: i}
		default:
			return x, nil
		}
	}
}

func (p *exprParser) primary() (expr, error) {
	c := p.peek()
	switch {
	case c == '\'':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		start := p.pos
		p.pos++
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		return numLit{s: p.src[start:p.pos]}, nil
	case isIdentStart(c):
		name := p.ident()
		// User-defined functions are namespace.name(...).
		if p.peek() == '.' && p.pos+1 < len(p.src) && isIdentStart(p.src[p.pos+1]) {
			save := p.pos
			p.pos++
			member := p.ident()
			if p.peek() == '(' {
				name += "." + member
			} else {
				p.pos = save
			}
		}
		if p.peek() != '(' {
			switch strings.ToLower(name) {
			case "true":
				return boolLit{b: true}, nil
			case "false":
				return boolLit{}, nil
			case "null":
				return nullLit{}, nil
			}
			return nil, p.errorf("%q is not a function call", name)
		}
		p.pos++
		args, err := p.args()
		if err != nil {
			return nil, err
		}
		return call{name: strings.ToLower(name), args: args}, nil
	case c == 0:
		return nil, p.errorf("unexpected end")
	}
	return nil, p.errorf("unexpected %q", string(c))
}

func (p *exprParser) args() ([]expr, error) {
	var args []expr
	if p.peek() == ')' {
		p.pos++
		return nil, nil
	}
	for {
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		switch p.peek() {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return args, nil
		default:
			return nil, p.errorf("expected ',' or ')'")
		}
	}
}

// str reads a single-quoted string; ” stands for one quote.
func (p *exprParser) str() (expr, error) {
	p.pos++ // opening quote
	var sb strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		if c != '\'' {
			sb.WriteByte(c)
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '\'' {
			sb.WriteByte('\'')
			p.pos++
			continue
		}
		return strLit{s: sb.String()}, nil
	}
	return nil, p.errorf("unterminated string")
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

func (p *exprParser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if !isIdentStart(c) && !(c >= '0' && c <= '9') && c != '-' {
			break
		}
		p.pos++
	}
	return p.src[start:p.pos]
}

// render writes an expression in one canonical spelling: function names in
// lower case, no spaces, strings single-quoted.
func render(x expr) string {
	switch x := x.(type) {
	case strLit:
		return "'" + strings.ReplaceAll(x.s, "'", "''") + "'"
	case numLit:
		return x.s
	case boolLit:
		if x.b {
			return "true"
		}
		return "false"
	case nullLit:
		return "null"
	case access:
		return render(x.target) + "." + x.prop
	case index:
		return render(x.target) + "[" + render(x.index) + "]"
	case call:
		parts := make([]string, len(x.args))
		for i, a := range x.args {
			parts[i] = render(a)
		}
		return x.name + "(" + strings.Join(parts, ",") + ")"
	}
	return "?"
}
