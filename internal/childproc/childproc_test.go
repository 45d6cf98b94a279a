package childproc

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// Test children: one that answers, one that grows without end, one that
// never ends, one that fails.
func init() {
	Register("test-echo", func(in io.Reader, out io.Writer) error {
		_, err := io.Copy(out, in)
		return err
	})
	Register("test-grow", func(io.Reader, io.Writer) error {
		var keep [][]byte
		for {
			keep = append(keep, make([]byte, 1<<20))
		}
	})
	Register("test-hang", func(io.Reader, io.Writer) error {
		select {}
	})
	Register("test-fail", func(io.Reader, io.Writer) error {
		return errors.New("no such chart")
	})
}

func TestChild(t *testing.T) {
	lim := Limits{Timeout: time.Minute, MaxMemory: 64 << 20}
	cases := []struct {
		name, want string
		lim        Limits
	}{
		{"test-echo", "", lim},
		{"test-grow", "bound exceeded: used more than 64 MiB of memory", lim},
		{"test-hang", "bound exceeded: took longer than 2s", Limits{Timeout: 2 * time.Second, MaxMemory: 64 << 20}},
		{"test-fail", "no such chart (exit status 2)", lim},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Start(context.Background(), tc.name, strings.NewReader("hello"), tc.lim)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := io.ReadAll(p.Stdout)
			err = p.Wait()
			switch {
			case tc.want == "" && (err != nil || string(out) != "hello"):
				t.Errorf("got %q, %v", out, err)
			case tc.want != "" && (err == nil || err.Error() != tc.want):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// Kill ends a child and Wait says why.
func TestKill(t *testing.T) {
	p, err := Start(context.Background(), "test-hang", strings.NewReader(""), Limits{Timeout: time.Minute, MaxMemory: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	p.Kill("produced too much")
	var be *BoundError
	if err := p.Wait(); !errors.As(err, &be) || be.Reason != "produced too much" {
		t.Errorf("got %v", err)
	}
}
