package bicep

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind int

const (
	tEOF tokKind = iota
	tNewline
	tIdent
	tString // a single-quoted string, raw (escapes and ${} unread) in text
	tMultiline
	tNumber
	tPunct // one of the operators and brackets, in text
)

// token is one token of a Bicep file.
type token struct {
	kind tokKind
	text string
	line int
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tNewline:
		return "end of line"
	case tString, tMultiline:
		return "string"
	}
	return fmt.Sprintf("%q", t.text)
}

// puncts are the operators, longest first.
var puncts = []string{
	"...", "=~", "!~", "==", "!=", "<=", ">=", "&&", "||", "??", "=>", "::", ".?", "[?",
	"{", "}", "[", "]", "(", ")", ",", ".", ":", "?", "!", "=", "<", ">", "+", "-", "*", "/", "%", "@", "|", "#",
}

// lexError is a token that cannot be read.
type lexError struct {
	line int
	msg  string
}

func (e *lexError) Error() string { return e.msg }

// maxTokens bounds the tokens of one file (a file is already bounded in
// size; this bounds the parser's work on pathological input).
const maxTokens = 4_000_000

// lex splits src into tokens. Comments are dropped; a newline ends a
// statement or an item, so newlines are tokens (collapsed).
func lex(src string) ([]token, error) {
	var toks []token
	line := 1
	emit := func(k tokKind, text string, at int) error {
		if len(toks) >= maxTokens {
			return &lexError{at, fmt.Sprintf("more than %d tokens", maxTokens)}
		}
		if k == tNewline && (len(toks) == 0 || toks[len(toks)-1].kind == tNewline) {
			return nil
		}
		toks = append(toks, token{k, text, at})
		return nil
	}
	for i := 0; i < len(src); {
		c := src[i]
		var err error
		switch {
		case c == '\n':
			err = emit(tNewline, "", line)
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#' && lineStart(src, i):
			// A pragma (#disable-next-line rule): a comment to this reader.
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, &lexError{line, "unterminated /* comment"}
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case strings.HasPrefix(src[i:], "'''"):
			end := strings.Index(src[i+3:], "'''")
			if end < 0 {
				return nil, &lexError{line, "unterminated ''' string"}
			}
			text := src[i+3 : i+3+end]
			err = emit(tMultiline, text, line)
			line += strings.Count(text, "\n")
			i += end + 6
		case c == '\'':
			end, ok := stringEnd(src, i+1, 0)
			if !ok {
				return nil, &lexError{line, "unterminated string (or string holes nested too deep)"}
			}
			text := src[i+1 : end]
			err = emit(tString, text, line)
			line += strings.Count(text, "\n")
			i = end + 1
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' && j+1 < len(src) && src[j+1] >= '0' && src[j+1] <= '9') {
				j++
			}
			err = emit(tNumber, src[i:j], line)
			i = j
		case c == '_' || c < utf8.RuneSelf && unicode.IsLetter(rune(c)):
			j := i
			for j < len(src) && (src[j] == '_' || src[j] < utf8.RuneSelf && (unicode.IsLetter(rune(src[j])) || unicode.IsDigit(rune(src[j])))) {
				j++
			}
			err = emit(tIdent, src[i:j], line)
			i = j
		default:
			p := punctAt(src[i:])
			if p == "" {
				r, _ := utf8.DecodeRuneInString(src[i:])
				if r == '\ufeff' {
					i += utf8.RuneLen(r)
					continue
				}
				return nil, &lexError{line, fmt.Sprintf("unexpected character %q", r)}
			}
			err = emit(tPunct, p, line)
			i += len(p)
		}
		if err != nil {
			return nil, err
		}
	}
	_ = emit(tNewline, "", line)
	toks = append(toks, token{kind: tEOF, line: line})
	return toks, nil
}

// lineStart reports whether only blanks come before src[i] on its line.
func lineStart(src string, i int) bool {
	for j := i - 1; j >= 0 && src[j] != '\n'; j-- {
		if src[j] != ' ' && src[j] != '\t' && src[j] != '\r' {
			return false
		}
	}
	return true
}

func punctAt(s string) string {
	for _, p := range puncts {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	return ""
}

// maxHoleDepth bounds strings in holes in strings.
const maxHoleDepth = 32

// stringEnd finds the closing quote of a string that starts at i (after
// its opening quote), stepping over escapes and over the expressions of
// ${...} holes, which may hold strings and braces of their own.
func stringEnd(src string, i, depth int) (int, bool) {
	if depth > maxHoleDepth {
		return 0, false
	}
	for i < len(src) {
		switch {
		case src[i] == '\\':
			i += 2
		case src[i] == '\'':
			return i, true
		case strings.HasPrefix(src[i:], "${"):
			end, ok := holeEnd(src, i+2, depth)
			if !ok {
				return 0, false
			}
			i = end + 1
		default:
			i++
		}
	}
	return 0, false
}

// holeEnd finds the } that closes a ${ hole whose expression starts at i.
func holeEnd(src string, i, nesting int) (int, bool) {
	depth := 0
	for i < len(src) {
		switch src[i] {
		case '\'':
			end, ok := stringEnd(src, i+1, nesting+1)
			if !ok {
				return 0, false
			}
			i = end + 1
			continue
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i, true
			}
			depth--
		}
		i++
	}
	return 0, false
}
