package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/mlguard/mlguard/internal/browsertest"
	"github.com/mlguard/mlguard/internal/report"
	"github.com/mlguard/mlguard/internal/rule"
)

// TestHTMLInBrowser opens the scan report in headless Chromium: no script
// error, no request beyond the page, every finding shown, the severity
// filter hides exactly the findings of a severity (by mouse and by
// keyboard), suppressed findings appear when asked, and a screenshot is
// written for a person to look at.
func TestHTMLInBrowser(t *testing.T) {
	res := scanExample(t)
	var buf bytes.Buffer
	if err := report.Write(&buf, "html", res, report.Options{Version: "test", MinSeverity: rule.Low}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	active, medium := 0, 0
	for _, f := range res.Findings {
		if f.Suppression == nil {
			active++
			if f.Severity == rule.Medium {
				medium++
			}
		}
	}
	if medium == 0 || active == medium || active == len(res.Findings) {
		t.Fatalf("the example needs findings of several severities and a suppressed one: %d active, %d medium, %d in all", active, medium, len(res.Findings))
	}
	p := browsertest.Open(t, file)
	visible := func() int {
		return browsertest.Eval[int](p, `document.querySelectorAll("article.finding:not([hidden])").length`)
	}
	status := func() string { return browsertest.Eval[string](p, `document.getElementById("shown").textContent`) }
	if got := visible(); got != active {
		t.Errorf("%d findings visible at first, want the %d that are not suppressed", got, active)
	}
	if got := status(); !strings.HasPrefix(got, strconv.Itoa(active)+" of ") {
		t.Errorf("status %q", got)
	}
	// The mouse: uncheck MEDIUM.
	p.Do(chromedp.Click(chromedp.CSS(`input[value="MEDIUM"]`)))
	if got := visible(); got != active-medium {
		t.Errorf("%d visible without MEDIUM, want %d", got, active-medium)
	}
	// The keyboard: focus the box and press space to check it again.
	p.Do(chromedp.Focus(chromedp.CSS(`input[value="MEDIUM"]`)), chromedp.KeyEvent(" "))
	if got := visible(); got != active {
		t.Errorf("%d visible after space on MEDIUM, want %d", got, active)
	}
	p.Do(chromedp.Click(chromedp.ID("suppressed-filter")))
	if got := visible(); got != len(res.Findings) {
		t.Errorf("%d visible with suppressed ones, want %d", got, len(res.Findings))
	}
	// A file whose findings are all hidden is hidden too.
	p.Do(chromedp.SendKeys(chromedp.ID("text-filter"), "no finding says this"+kb.Enter))
	if got := visible(); got != 0 || browsertest.Eval[int](p, `document.querySelectorAll("section.file:not([hidden])").length`) != 0 {
		t.Errorf("a search that matches nothing leaves %d findings visible", got)
	}
	p.Quiet()
	t.Logf("screenshot: %s", p.Screenshot("scan-report.png"))
}
