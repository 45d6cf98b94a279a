package helm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// Rendering runs in a child process (this same executable, told by
// childEnv), because text/template cannot be interrupted: a chart whose
// templates loop for hours, or build a gigabyte string, is ended by the
// parent's deadline or by the child's own memory bound, and the scan goes
// on. The child gets its chart and values on stdin and answers on stdout.

// childEnv marks a process started to render one chart; its value is the
// memory bound in bytes.
const childEnv = "MLGUARD_HELM_RENDER_CHILD"

// exitMemory is the child's exit status when it outgrew its memory bound.
const exitMemory = 3

// Any program that links this package (mlguard, its test binaries) can be
// the rendering child: the check runs before main, so the child never
// parses flags or starts anything else.
func init() {
	if v, ok := os.LookupEnv(childEnv); ok {
		os.Exit(childMain(v, os.Stdin, os.Stdout, os.Stderr))
	}
}

// Limits bound the rendering of one chart.
type Limits struct {
	Timeout   time.Duration // wall time of one chart's rendering
	MaxMemory int64         // heap of the rendering process
	MaxOutput int64         // bytes of rendered manifests
}

// DefaultLimits leave room for the largest public charts (a few MiB of
// output, well under a second) while ending a hostile one quickly.
var DefaultLimits = Limits{Timeout: 60 * time.Second, MaxMemory: 1 << 30, MaxOutput: 64 << 20}

func childMain(memArg string, in io.Reader, out, errOut io.Writer) int {
	mem, err := strconv.ParseInt(memArg, 10, 64)
	if err != nil || mem <= 0 {
		fmt.Fprintf(errOut, "bad %s value %q\n", childEnv, memArg)
		return 2
	}
	debug.SetMemoryLimit(mem)
	go watchMemory(uint64(mem), errOut)
	var req request
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		fmt.Fprintf(errOut, "reading the chart: %v\n", err)
		return 2
	}
	if err := json.NewEncoder(out).Encode(render(context.Background(), req)); err != nil {
		fmt.Fprintf(errOut, "writing the output: %v\n", err)
		return 2
	}
	return 0
}

// watchMemory ends the child when its heap passes the bound: a template
// building ever larger strings is stopped before the machine swaps. (An
// address-space rlimit would be a simpler backstop, but the Go runtime
// reserves address space far beyond its heap and fails under one.)
func watchMemory(max uint64, errOut io.Writer) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	for range time.Tick(5 * time.Millisecond) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > max {
			fmt.Fprintf(errOut, "rendering used more than %d MiB of memory\n", max>>20)
			os.Exit(exitMemory)
		}
	}
}

// errBound marks a chart that rendering bounds stopped.
var errBound = errors.New("bound exceeded")

// renderChild renders a chart in a child process within lim.
func renderChild(ctx context.Context, req request, lim Limits) (response, error) {
	exe, err := os.Executable()
	if err != nil {
		return response{}, fmt.Errorf("finding the mlguard executable to render in: %w", err)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return response{}, fmt.Errorf("encoding the chart: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	// The child gets nothing of the environment: no proxy settings, no
	// credentials, no PATH; it needs none.
	cmd.Env = []string{childEnv + "=" + strconv.FormatInt(lim.MaxMemory, 10)}
	cmd.Stdin = bytes.NewReader(body)
	var stderr tail
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return response{}, fmt.Errorf("starting the renderer: %w", err)
	}
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return response{}, fmt.Errorf("starting the renderer: %w", err)
	}
	data, readErr := io.ReadAll(io.LimitReader(stdout, lim.MaxOutput+1))
	over := int64(len(data)) > lim.MaxOutput
	if over {
		_ = cmd.Process.Kill()
	}
	waitErr := cmd.Wait()
	switch {
	case over:
		return response{}, fmt.Errorf("%w: the rendered manifests exceed %d MiB", errBound, lim.MaxOutput>>20)
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return response{}, fmt.Errorf("%w: rendering took longer than %s (a template that does not end?)", errBound, lim.Timeout)
	case ctx.Err() != nil:
		return response{}, ctx.Err()
	case exitCode(waitErr) == exitMemory:
		return response{}, fmt.Errorf("%w: %s", errBound, stderr.String())
	case waitErr != nil:
		return response{}, fmt.Errorf("the renderer failed (%v): %s", waitErr, stderr.String())
	case readErr != nil:
		return response{}, fmt.Errorf("reading the rendered chart: %w", readErr)
	}
	var resp response
	if err := json.Unmarshal(data, &resp); err != nil {
		return response{}, fmt.Errorf("reading the rendered chart: %w", err)
	}
	return resp, nil
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return 0
}

// tail keeps the last few KiB written to it: the end of the child's
// stderr, where a runtime failure says why.
type tail struct{ buf []byte }

const tailBytes = 4 << 10

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailBytes {
		t.buf = t.buf[len(t.buf)-tailBytes:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	s := strings.TrimSpace(string(t.buf))
	if first, _, ok := strings.Cut(s, "\n"); ok {
		return first
	}
	return s
}
