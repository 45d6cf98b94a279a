package helm

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A rendered manifest is judged in terms of its template: every line of the
// output is traced back to the template line that wrote it, so findings
// point where a chart author edits. Helm keeps no such record, so the trace
// is rebuilt by matching: a rendered line comes from the template line
// whose literal text it carries (actions matching anything), searched
// forward from the last match and then backward (a range loop repeats its
// body); a line that no template line spells out (the output of toYaml or
// include) comes from the nearest line of actions since the last match.

// tline is one template line, as the matcher sees it.
type tline struct {
	exact   string   // trimmed literal text, for a line without actions
	pattern []string // for a line mixing text and actions: its text between actions
	hint    string   // the longest literal fragment of a pattern line, tested first
	actions bool     // the line holds actions and no text worth matching
}

// lineMap returns, for each line of out (index 0 is line 1), the 1-based
// template line that produced it, or 0 when none is known.
func lineMap(tpl, out string) []int {
	tls := classify(tpl)
	exact := map[string][]int{}
	var patterned []int
	for i, t := range tls {
		switch {
		case t.exact != "":
			exact[t.exact] = append(exact[t.exact], i)
		case t.pattern != nil:
			patterned = append(patterned, i)
		}
	}
	outLines := strings.Split(out, "\n")
	m := make([]int, len(outLines))
	last := -1 // the template line of the last match
	for j, line := range outLines {
		text := strings.TrimSpace(line)
		if text == "" || text == "---" {
			m[j] = max(last, 0) + 1
			if text == "---" {
				m[j] = separatorLine(tls, last) + 1
			}
			continue
		}
		cands := exact[text]
		if cands == nil {
			for _, i := range patterned {
				if strings.Contains(text, tls[i].hint) && glob(tls[i].pattern, text) {
					cands = append(cands, i)
				}
			}
		}
		if i, ok := pick(cands, last); ok {
			last = i
			m[j] = i + 1
			continue
		}
		m[j] = expansion(tls, last) + 1
	}
	return m
}

// pick chooses among the template lines that spell a rendered line: the
// first after the last match, else the nearest before it (a loop).
func pick(cands []int, last int) (int, bool) {
	if len(cands) == 0 {
		return 0, false
	}
	k, _ := slices.BinarySearch(cands, last+1)
	if k < len(cands) {
		return cands[k], true
	}
	return cands[len(cands)-1], true
}

// expansion is the template line a rendered line that no line spells
// comes from: the nearest line of actions after the last match, else the
// last match itself.
func expansion(tls []tline, last int) int {
	for i := last + 1; i < len(tls); i++ {
		if tls[i].actions {
			return i
		}
		if tls[i].exact != "" || tls[i].pattern != nil {
			break
		}
	}
	return max(last, 0)
}

// separatorLine is the template line of a document separator.
func separatorLine(tls []tline, last int) int {
	for i := last + 1; i < len(tls); i++ {
		if tls[i].exact == "---" {
			return i
		}
	}
	return max(last, 0)
}

// classify reads a template line by line, telling text from actions; an
// action may span lines.
func classify(tpl string) []tline {
	lines := strings.Split(tpl, "\n")
	out := make([]tline, len(lines))
	inAction := false
	for i, line := range lines {
		var lits []string
		var lit strings.Builder
		hasAction := inAction
		for k := 0; k < len(line); {
			switch {
			case !inAction && strings.HasPrefix(line[k:], "{{"):
				lits = append(lits, lit.String())
				lit.Reset()
				inAction, hasAction = true, true
				k += 2
			case inAction && strings.HasPrefix(line[k:], "}}"):
				inAction = false
				k += 2
			case inAction:
				k++
			default:
				lit.WriteByte(line[k])
				k++
			}
		}
		lits = append(lits, lit.String())
		out[i] = classifyLine(lits, hasAction)
	}
	return out
}

func classifyLine(lits []string, hasAction bool) tline {
	if !hasAction {
		return tline{exact: strings.TrimSpace(lits[0])}
	}
	text := strings.TrimSpace(strings.Join(lits, ""))
	if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return tline{actions: true}
	}
	var pattern []string
	hint := ""
	for k, l := range lits {
		if k == 0 {
			l = strings.TrimLeft(l, " \t")
		}
		if k == len(lits)-1 {
			l = strings.TrimRight(l, " \t\r")
		}
		pattern = append(pattern, l)
		if len(strings.TrimSpace(l)) > len(hint) {
			hint = strings.TrimSpace(l)
		}
	}
	return tline{pattern: pattern, hint: hint}
}

// glob reports whether text is the parts in order with anything between
// them: the first part starts text, the last ends it.
func glob(parts []string, text string) bool {
	if len(parts) == 1 {
		return text == parts[0]
	}
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(text, first) {
		return false
	}
	text = text[len(first):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(text, p)
		if i < 0 {
			return false
		}
		text = text[i+len(p):]
	}
	return strings.HasSuffix(text, last)
}

// valuesRe finds the values a template line reads: .Values.a.b, $.Values.a.
var valuesRe = regexp.MustCompile(`\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)`)

// valuesByLine returns, for each template line (index 0 is line 1), the
// values it reads, and those of the with and range blocks around it (a
// `{{- with .Values.securityContext }}` block prints that value as `.`).
func valuesByLine(tpl string) [][]string {
	lines := strings.Split(tpl, "\n")
	out := make([][]string, len(lines))
	var stack [][]string
	for i, line := range lines {
		var own []string
		for _, m := range valuesRe.FindAllStringSubmatch(line, -1) {
			own = append(own, strings.TrimPrefix(m[1], "."))
		}
		var vals []string
		for _, s := range stack {
			vals = append(vals, s...)
		}
		vals = append(vals, own...)
		slices.Sort(vals)
		out[i] = slices.Compact(vals)
		stack = blocks(line, own, stack)
	}
	return out
}

// blockRe finds the actions that open and close blocks.
var blockRe = regexp.MustCompile(`\{\{-?\s*(with|range|if|define|block|end)\b`)

// blocks follows the block structure across one line: with and range
// blocks carry the values they open with; other blocks carry none.
func blocks(line string, own []string, stack [][]string) [][]string {
	for _, m := range blockRe.FindAllStringSubmatch(line, -1) {
		switch m[1] {
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case "with", "range":
			stack = append(stack, own)
		default:
			stack = append(stack, nil)
		}
	}
	return stack
}
