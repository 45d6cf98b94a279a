// Package childproc runs work that cannot be interrupted from inside (a
// template engine, a decoder fed hostile input) in a child process of the
// same executable, bounded in wall time and memory: when the work runs
// away, the child is ended and the caller gets an error naming the bound,
// while the scan goes on.
//
// A package registers its child work in init with Register. Any program
// that links the package (mlguard, its test binaries) can then be the
// child: Register itself runs the work and exits when the process was
// started for it, before main.
package childproc

import (
	"context"
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

// env names the child work a process was started for, and its memory
// bound: NAME:BYTES.
const env = "MLGUARD_CHILD"

// exitMemory is a child's exit status when it outgrew its memory bound.
const exitMemory = 3

// BoundError is work that a bound stopped; Reason says which, as a
// predicate: "took longer than 1m0s", "used more than 1024 MiB of memory".
type BoundError struct{ Reason string }

func (e *BoundError) Error() string { return "bound exceeded: " + e.Reason }

// Limits bound one child.
type Limits struct {
	Timeout   time.Duration // wall time
	MaxMemory int64         // heap of the child
}

// Register declares the child work called name. When this process was
// started for it, Register runs work on stdin and stdout and exits; work's
// error, if any, is written to stderr and the exit status is 2.
func Register(name string, work func(in io.Reader, out io.Writer) error) {
	v, ok := os.LookupEnv(env)
	if !ok {
		return
	}
	n, mem, _ := strings.Cut(v, ":")
	if n != name {
		return
	}
	limit, err := strconv.ParseInt(mem, 10, 64)
	if err != nil || limit <= 0 {
		fmt.Fprintf(os.Stderr, "bad %s value %q\n", env, v)
		os.Exit(2)
	}
	debug.SetMemoryLimit(limit)
	go watchMemory(uint64(limit))
	if err := work(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(0)
}

// watchMemory ends the child when its heap passes the bound: work that
// builds ever larger values is stopped before the machine swaps. (An
// address-space rlimit would be a simpler backstop, but the Go runtime
// reserves address space far beyond its heap and fails under one.)
func watchMemory(max uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	for range time.Tick(5 * time.Millisecond) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > max {
			fmt.Fprintf(os.Stderr, "used more than %d MiB of memory\n", max>>20)
			os.Exit(exitMemory)
		}
	}
}

// Proc is a running child.
type Proc struct {
	// Stdout is what the child writes; read it to the end (or Kill) before
	// Wait.
	Stdout io.Reader
	cmd    *exec.Cmd
	ctx    context.Context
	cancel context.CancelFunc
	stderr *tail
	lim    Limits
	killed string
}

// Start starts the child work called name with stdin as its input.
func Start(ctx context.Context, name string, stdin io.Reader, lim Limits) (*Proc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the mlguard executable: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	cmd := exec.CommandContext(ctx, exe)
	// The child gets nothing of the environment: no proxy settings, no
	// credentials, no PATH; it needs none.
	cmd.Env = []string{env + "=" + name + ":" + strconv.FormatInt(lim.MaxMemory, 10)}
	cmd.Stdin = stdin
	p := &Proc{cmd: cmd, ctx: ctx, cancel: cancel, stderr: &tail{}, lim: lim}
	cmd.Stderr = p.stderr
	cmd.WaitDelay = time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("starting a child process: %w", err)
	}
	p.Stdout = out
	return p, nil
}

// Kill ends the child; Wait then reports why with this reason.
func (p *Proc) Kill(reason string) {
	p.killed = reason
	_ = p.cmd.Process.Kill()
}

// Wait waits for the child and says why it ended, if not by finishing its
// work: a bound (a *BoundError: the deadline, the memory bound, a Kill) or
// a failure (its stderr's first line).
func (p *Proc) Wait() error {
	defer p.cancel()
	err := p.cmd.Wait()
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	switch {
	case p.killed != "":
		return &BoundError{p.killed}
	case errors.Is(p.ctx.Err(), context.DeadlineExceeded):
		return &BoundError{"took longer than " + p.lim.Timeout.String()}
	case p.ctx.Err() != nil:
		return p.ctx.Err()
	case code == exitMemory:
		return &BoundError{p.stderr.String()}
	case err != nil:
		return fmt.Errorf("%s (%v)", p.stderr.String(), err)
	}
	return nil
}

// tail keeps the last few KiB written to it: the end of the child's
// stderr, where a failure says why.
type tail struct{ buf []byte }

const tailBytes = 4 << 10

func (t *tail) Write(b []byte) (int, error) {
	t.buf = append(t.buf, b...)
	if len(t.buf) > tailBytes {
		t.buf = t.buf[len(t.buf)-tailBytes:]
	}
	return len(b), nil
}

func (t *tail) String() string {
	s := strings.TrimSpace(string(t.buf))
	if first, _, ok := strings.Cut(s, "\n"); ok {
		return first
	}
	return s
}
