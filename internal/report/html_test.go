package report_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/mlguard/mlguard/internal/compliance"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

// hostile is text a scanned file can put in a resource name, a message or
// a path, meant to break out of the page.
const hostile = `</script><script>alert(1)</script><img src=x onerror=alert(2)>"'><svg onload=alert(3)>&amp;`

func hostileResult() *scan.Result {
	r := &rule.Rule{Metadata: rule.Metadata{ID: "AWS-TEST-001", Title: "Title " + hostile, Severity: rule.High, Category: rule.Network,
		Rationale: "Why " + hostile, Remediation: "Fix " + hostile}}
	f := rule.Finding{RuleID: r.ID, Title: r.Title, Severity: r.Severity, Category: r.Category, Resource: "aws_s3_bucket." + hostile,
		File: "dir/" + hostile + ".tf", StartLine: 3, Message: "Message " + hostile, Rule: r,
		Rendered: &rule.Rendering{Tool: "helm", Root: hostile, Values: []string{hostile}}}
	sup := f
	sup.Suppression = &rule.Suppression{Kind: "inline", Reason: hostile}
	return &scan.Result{Findings: []rule.Finding{f, sup}, Files: []string{f.File}, Rules: []*rule.Rule{r},
		Errors:   source.Diagnostics{{Severity: source.SevError, Range: source.Range{File: hostile, StartLine: 1}, Summary: hostile, Detail: hostile}},
		Unknowns: []scan.Unknown{{Resource: hostile}}, Types: map[string]int{}, Ran: map[string]bool{r.ID: true}}
}

// TestHTMLEscapesHostileText: nothing a scanned file says becomes markup or
// script, and the page is well formed with its one script.
func TestHTMLEscapesHostileText(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Write(&buf, "html", hostileResult(), report.Options{Version: "test", MinSeverity: rule.Low}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "</script><script>"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile text is not shown escaped")
	}
	checkWellFormed(t, page, 1)
}

// TestHTMLGoldenWellFormed: the golden pages are well formed, with one
// script, and ask for nothing outside themselves.
func TestHTMLGoldenWellFormed(t *testing.T) {
	nist, err := compliance.Lookup(rule.NIST80053)
	if err != nil {
		t.Fatal(err)
	}
	res := scanExample(t)
	for _, c := range []*compliance.Framework{nil, &nist} {
		var buf bytes.Buffer
		if err := report.Write(&buf, "html", res, report.Options{Version: "test", MinSeverity: rule.Low, Compliance: c}); err != nil {
			t.Fatal(err)
		}
		checkWellFormed(t, buf.String(), 1)
	}
}

// voids are the elements HTML writes without an end tag.
var voids = map[string]bool{"meta": true, "link": true, "br": true, "input": true, "img": true, "hr": true, "wbr": true}

// checkWellFormed parses the page token by token: every element closed in
// order, the given number of scripts, no element that loads anything
// (img, link, iframe, src or href to another place).
func checkWellFormed(t *testing.T, page string, scripts int) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	found := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			if len(stack) > 0 {
				t.Errorf("elements left open: %v", stack)
			}
			if found != scripts {
				t.Errorf("%d scripts, want %d", found, scripts)
			}
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script":
				found++
			case "img", "link", "iframe", "object", "embed":
				t.Errorf("the page loads something: <%s>", tok.Data)
			}
			for _, a := range tok.Attr {
				if a.Key == "src" || a.Key == "href" && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q> points outside the page", tok.Data, a.Key, a.Val)
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s> has an event handler attribute %s", tok.Data, a.Key)
				}
			}
			if tt == html.StartTagToken && !voids[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Fatalf("</%s> closes %v", tok.Data, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}
