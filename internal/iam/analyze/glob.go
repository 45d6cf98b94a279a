package analyze

import "strings"

// A pattern token: a literal byte, or one of the wildcards below.
const (
	tokAny  = -1 // any run of characters (a policy's *, a catalog placeholder)
	tokOne  = -2 // exactly one character (a policy's ?)
	tokSeg  = -3 // any run of characters without '/' (a placeholder that cannot hold one)
	maxGlob = 2048
)

// policyGlob turns a policy pattern (ARN or action with * and ?) into tokens.
func policyGlob(p string) []int {
	toks := make([]int, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '*':
			toks = append(toks, tokAny)
		case '?':
			toks = append(toks, tokOne)
		default:
			toks = append(toks, int(p[i]))
		}
	}
	return toks
}

// segmentPlaceholders are the catalog ARN placeholders whose values never
// hold a '/': bucket names, key IDs, partitions, regions, accounts. Every
// other placeholder (object keys, role paths, log group and repository
// names) may, so it matches anything; that keeps "grants nothing" true.
var segmentPlaceholders = map[string]bool{
	"Partition": true, "Region": true, "Account": true, "BucketName": true, "KeyId": true,
}

// catalogGlob turns a catalog ARN pattern ("arn:${Partition}:s3:::${BucketName}")
// into tokens.
func catalogGlob(p string) []int {
	toks := make([]int, 0, len(p))
	for i := 0; i < len(p); i++ {
		if strings.HasPrefix(p[i:], "${") {
			if end := strings.IndexByte(p[i:], '}'); end > 0 {
				if segmentPlaceholders[p[i+2:i+end]] {
					toks = append(toks, tokSeg)
				} else {
					toks = append(toks, tokAny)
				}
				i += end
				continue
			}
		}
		toks = append(toks, int(p[i]))
	}
	return toks
}

// overlap reports whether some string matches both patterns. It explores
// the pairs of positions the two patterns can be in together, so it runs in
// time proportional to the product of their lengths. Patterns longer than
// maxGlob are assumed to overlap, the answer that never claims too much.
func overlap(a, b []int) bool {
	if len(a) > maxGlob || len(b) > maxGlob {
		return true
	}
	w := len(b) + 1
	seen := make([]bool, (len(a)+1)*w)
	stack := []int{0}
	seen[0] = true
	push := func(i, j int) {
		if k := i*w + j; !seen[k] {
			seen[k] = true
			stack = append(stack, k)
		}
	}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		i, j := k/w, k%w
		if i == len(a) && j == len(b) {
			return true
		}
		if i < len(a) && a[i] == tokAny {
			push(i+1, j)
		}
		if j < len(b) && (b[j] == tokAny || b[j] == tokSeg) {
			push(i, j+1)
		}
		if i < len(a) && j < len(b) && sharesChar(a[i], b[j]) {
			ni, nj := i+1, j+1
			if a[i] == tokAny {
				ni = i
			}
			if b[j] == tokAny || b[j] == tokSeg {
				nj = j
			}
			push(ni, nj)
		}
	}
	return false
}

// sharesChar reports whether one character satisfies both tokens.
func sharesChar(x, y int) bool {
	switch {
	case x >= 0 && y >= 0:
		return x == y
	case x == tokSeg && y >= 0, y == tokSeg && x >= 0:
		return x != '/' && y != '/'
	default:
		return true // at least one side takes any character, the other some
	}
}

// covers reports whether every string the inner pattern matches also
// matches the outer one, for policy patterns. It is sound, not complete: a
// wildcard of the inner pattern is only covered by a * of the outer one, so
// a true answer is always right.
func covers(outer, inner string, fold bool) bool {
	eq := func(a, b byte) bool {
		if a == b {
			return a != '*' && a != '?'
		}
		return fold && lowerByte(a) == lowerByte(b)
	}
	pi, vi := 0, 0
	star, mark := -1, 0
	for vi < len(inner) {
		switch {
		case pi < len(outer) && outer[pi] == '?' && inner[vi] != '*':
			pi++
			vi++
		case pi < len(outer) && outer[pi] != '*' && outer[pi] != '?' && eq(outer[pi], inner[vi]):
			pi++
			vi++
		case pi < len(outer) && outer[pi] == '*':
			star, mark = pi, vi
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			vi = mark
		default:
			return false
		}
	}
	for pi < len(outer) && outer[pi] == '*' {
		pi++
	}
	return pi == len(outer)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
