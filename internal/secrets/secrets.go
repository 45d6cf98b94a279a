// Package secrets recognises credentials written into infrastructure code:
// by the shape of the value (AWS access keys, private keys, provider tokens)
// and by the name of the variable that holds it (PASSWORD, API_KEY, ...).
// It reports what kind of secret was found and a redacted form of it, never
// the value itself.
package secrets

import (
	"regexp"
	"strings"
)

// Match is one secret found.
type Match struct {
	Kind     string // what it is: "AWS access key ID", "password", ...
	Key      string // the variable that holds it, when known
	Redacted string // the value with all but its first characters masked
}

// shapes are values that are secrets whatever they are called.
var shapes = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"AWS access key ID", regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b`)},
	{"private key", regexp.MustCompile(`-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----`)},
	{"GitHub token", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b`)},
	{"Hugging Face token", regexp.MustCompile(`\bhf_[A-Za-z]{34}\b`)},
	{"OpenAI or Anthropic API key", regexp.MustCompile(`\bsk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}`)},
	{"Slack token", regexp.MustCompile(`\bxox[baprs]-[0-9A-Za-z\-]{10,}`)},
	{"Weights & Biases API key", regexp.MustCompile(`(?i)\bwandb_api_key\s*[=:]\s*["']?[0-9a-f]{40}\b`)},
}

// secretName matches variable names that hold secrets.
var secretName = regexp.MustCompile(`(?i)(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret)`)

// notSecretSuffix matches names that point at a secret rather than hold it.
var notSecretSuffix = regexp.MustCompile(`(?i)[_-]?(arn|name|path|file|url|uri|endpoint|id|region|ttl|length|enabled|type|version|header|param|parameter|ref|key_?id)$`)

// Value checks one named value: an environment variable, a map entry.
func Value(key, value string) (Match, bool) {
	for _, s := range shapes {
		if loc := s.re.FindStringIndex(value); loc != nil {
			return Match{Kind: s.kind, Key: key, Redacted: Redact(value[loc[0]:loc[1]])}, true
		}
	}
	kind, named := Name(key)
	if !named || !literal(value) {
		return Match{}, false
	}
	return Match{Kind: kind, Key: key, Redacted: Redact(value)}, true
}

// notSecretName matches names that contain a secret's word but count or
// configure something else: tokenizers, token limits (MAX_TOKENS,
// TOKENIZERS_PARALLELISM, MAX_INPUT_TOKENS).
var notSecretName = regexp.MustCompile(`(?i)tokeniz|tokens|token_?(?:limit|count|budget|len)|max_\w*token`)

// Name reports whether a variable's name says it holds a secret
// (HF_TOKEN, DB_PASSWORD; not TOKEN_FILE or SECRET_ARN, which point at one),
// and the kind of secret it names.
func Name(key string) (kind string, ok bool) {
	if key == "" || !secretName.MatchString(key) || notSecretSuffix.MatchString(key) || notSecretName.MatchString(key) {
		return "", false
	}
	return kindOf(key), true
}

// Article puts "a" or "an" before a kind of secret, for messages.
func Article(kind string) string {
	if kind != "" && strings.ContainsRune("AEIOUaeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

func kindOf(key string) string {
	k := strings.ToLower(key)
	switch {
	case strings.Contains(k, "pass"):
		return "password"
	case strings.Contains(k, "token"):
		return "token"
	case strings.Contains(k, "key"):
		return "key"
	}
	return "secret"
}

// literal reports whether a value is a secret written out, not a reference
// to where one is kept or a placeholder for one.
func literal(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 6 || strings.ContainsAny(v, " \t") {
		return false
	}
	for _, p := range []string{"arn:", "/", "{{resolve:", "${", "$(", "$", "(known after apply)", "ssm:", "secretsmanager:", "<", "%"} {
		if strings.HasPrefix(v, p) {
			return false
		}
	}
	switch strings.ToLower(v) {
	case "true", "false", "enabled", "disabled", "none", "null", "required", "optional":
		return false
	}
	return true
}

// assignment matches NAME=value lines of shell scripts and .env files.
var assignment = regexp.MustCompile(`(?m)^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#;]*))`)

// awsConfigure matches `aws configure set aws_secret_access_key VALUE`.
var awsConfigure = regexp.MustCompile(`aws\s+configure\s+set\s+(aws_secret_access_key|aws_session_token)\s+(\S+)`)

// Text checks a script or document: assignments by name and value, and
// secret-shaped values anywhere.
func Text(text string) []Match {
	var out []Match
	seen := map[string]bool{}
	add := func(m Match) {
		if !seen[m.Redacted+m.Key] {
			seen[m.Redacted+m.Key] = true
			out = append(out, m)
		}
	}
	for _, a := range assignment.FindAllStringSubmatch(text, -1) {
		if m, ok := Value(a[1], a[2]+a[3]+a[4]); ok {
			add(m)
		}
	}
	for _, a := range awsConfigure.FindAllStringSubmatch(text, -1) {
		if literal(a[2]) {
			add(Match{Kind: "key", Key: a[1], Redacted: Redact(a[2])})
		}
	}
	for _, s := range Shapes(text) {
		if !seenValue(out, s.Redacted) {
			add(Match{Kind: s.Kind, Redacted: s.Redacted})
		}
	}
	return out
}

// Shape is a secret found by its shape in a text, where it is.
type Shape struct {
	Kind       string
	Start, End int
	Redacted   string
}

// Shapes finds the values of a text that are secrets whatever they are
// called (keys, tokens, private keys), with their positions.
func Shapes(text string) []Shape {
	var out []Shape
	for _, s := range shapes {
		for _, loc := range s.re.FindAllStringIndex(text, -1) {
			out = append(out, Shape{Kind: s.kind, Start: loc[0], End: loc[1], Redacted: Redact(text[loc[0]:loc[1]])})
		}
	}
	return out
}

func seenValue(ms []Match, redacted string) bool {
	for _, m := range ms {
		if m.Redacted == redacted {
			return true
		}
	}
	return false
}

// Redact keeps the first four characters (enough to recognise an AKIA key
// or a token type) and masks the rest.
func Redact(v string) string {
	r := []rune(v)
	if len(r) <= 4 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + strings.Repeat("*", min(len(r)-4, 12))
}

// ArgMatch is a secret found in a command line, and the argument it is in.
type ArgMatch struct {
	Match
	Arg int
}

// Args checks a command line: flags named like secrets with their values
// (--api-key VALUE, --api-key=VALUE, -p VALUE is not guessed), and
// secret-shaped values and assignments in any argument (sh -c scripts).
func Args(args []string) []ArgMatch {
	var out []ArgMatch
	for i, a := range args {
		if name, value, ok := flag(args, i); ok {
			if m, ok := Value(name, value); ok {
				at := i
				if !strings.Contains(a, "=") {
					at = i + 1
				}
				out = append(out, ArgMatch{m, at})
				continue
			}
		}
		for _, m := range Text(a) {
			out = append(out, ArgMatch{m, i})
		}
	}
	return out
}

// flag reads a long flag at args[i] and its value, joined by = or in the
// next argument.
func flag(args []string, i int) (name, value string, ok bool) {
	a := args[i]
	if !strings.HasPrefix(a, "--") || len(a) < 3 {
		return "", "", false
	}
	name = strings.TrimLeft(a, "-")
	if k, v, found := strings.Cut(name, "="); found {
		return k, v, true
	}
	if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
		return name, args[i+1], true
	}
	return "", "", false
}
