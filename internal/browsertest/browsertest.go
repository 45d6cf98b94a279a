// Package browsertest opens pages mlguard writes in a real browser for
// tests: headless Chromium (Debian's chromium, which .ci/run installs)
// driven over the DevTools protocol by chromedp. It records what a reader
// would notice: script errors and console errors, and every request the
// page makes, which for mlguard's self-contained pages must be none.
// Without a Chromium on the machine, tests that use it skip with a reason.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// binaries are the names Chromium goes by.
var binaries = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Page is one page open in a headless browser.
type Page struct {
	t   *testing.T
	Ctx context.Context

	mu       sync.Mutex
	errors   []string
	requests []string
}

// Open starts a headless browser and loads the file, or skips the test
// when no Chromium is installed. The browser is closed when the test ends.
func Open(t *testing.T, file string) *Page {
	t.Helper()
	bin := ""
	for _, b := range binaries {
		if p, err := exec.LookPath(b); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no Chromium on this machine (apt-get install -y chromium; .ci/run does)")
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	// chromedp gives the browser 20 s to say where DevTools listen; on a
	// 2-core machine running the other packages' tests that was not
	// always enough ("chrome failed to start"), so it may take as long as
	// the test binary lets it.
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()), chromedp.WSURLReadTimeout(time.Hour))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	p := &Page{t: t}
	// The listener is in place before the tab's first command, so it sees
	// every event of the load. chromedp enables the Network and Runtime
	// domains of a tab itself.
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithListener(p.listen))
	// No time limit on the test's work: the browser's start on a loaded
	// machine varies; the test binary's own -timeout bounds it.
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	p.Ctx = ctx
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+abs)); err != nil {
		t.Fatalf("open %s in %s: %v", file, bin, err)
	}
	return p
}

func (p *Page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		p.errors = append(p.errors, "exception: "+e.ExceptionDetails.Text+" "+describe(e.ExceptionDetails.Exception))
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, describe(a))
			}
			p.errors = append(p.errors, "console "+string(e.Type)+": "+strings.Join(parts, " "))
		}
	case *network.EventRequestWillBeSent:
		if e.Type != network.ResourceTypeDocument || !strings.HasPrefix(e.Request.URL, "file://") {
			p.requests = append(p.requests, string(e.Type)+" "+e.Request.URL)
		}
	}
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Value)
}

// Do runs browser actions in order, failing the test on an error.
func (p *Page) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.Ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression and decodes its value.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.Ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// Problems returns what a reader would notice went wrong, after letting
// pending work settle: errors the page threw, errors and warnings it
// logged, and requests beyond itself.
func (p *Page) Problems() []string {
	p.t.Helper()
	p.Do(chromedp.Sleep(200 * time.Millisecond))
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]string(nil), p.errors...)
	for _, r := range p.requests {
		out = append(out, "request "+r)
	}
	return out
}

// Quiet fails the test for each of the page's Problems.
func (p *Page) Quiet() {
	p.t.Helper()
	for _, pr := range p.Problems() {
		p.t.Errorf("the page: %s", pr)
	}
}

// Screenshot writes a PNG of the whole page to dir/name and returns its
// path. Set MLGUARD_SCREENSHOTS to a directory to keep the pictures.
func (p *Page) Screenshot(name string) string {
	p.t.Helper()
	png, err := chromedp.Run(p.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatal(err)
	}
	dir := os.Getenv("MLGUARD_SCREENSHOTS")
	if dir == "" {
		dir = p.t.TempDir()
	}
	out := filepath.Join(dir, name)
	if err := os.WriteFile(out, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	return out
}
