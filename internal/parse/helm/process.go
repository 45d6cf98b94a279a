package helm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/childproc"
)

// Rendering runs in a child process (internal/childproc), because
// text/template cannot be interrupted: a chart whose templates loop for
// hours, or build a gigabyte string, is ended by the deadline or the
// child's memory bound, and the scan goes on. The child gets its chart and
// values on stdin and answers on stdout.

// childName names the rendering child.
const childName = "helm-render"

func init() {
	childproc.Register(childName, func(in io.Reader, out io.Writer) error {
		var req request
		if err := json.NewDecoder(in).Decode(&req); err != nil {
			return fmt.Errorf("reading the chart: %w", err)
		}
		return json.NewEncoder(out).Encode(render(context.Background(), req))
	})
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

// renderChild renders a chart in a child process within lim.
func renderChild(ctx context.Context, req request, lim Limits) (response, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return response{}, fmt.Errorf("encoding the chart: %w", err)
	}
	p, err := childproc.Start(ctx, childName, bytes.NewReader(body), childproc.Limits{Timeout: lim.Timeout, MaxMemory: lim.MaxMemory})
	if err != nil {
		return response{}, err
	}
	data, readErr := io.ReadAll(io.LimitReader(p.Stdout, lim.MaxOutput+1))
	if int64(len(data)) > lim.MaxOutput {
		p.Kill(fmt.Sprintf("produced more than %d MiB: the rendered manifests exceed %d MiB", lim.MaxOutput>>20, lim.MaxOutput>>20))
	}
	if err := p.Wait(); err != nil {
		var be *childproc.BoundError
		if errors.As(err, &be) {
			hint := ""
			if strings.HasPrefix(be.Reason, "took longer") {
				hint = " (a template that does not end?)"
			}
			return response{}, fmt.Errorf("bound exceeded: rendering %s%s", be.Reason, hint)
		}
		return response{}, fmt.Errorf("the renderer failed: %w", err)
	}
	if readErr != nil {
		return response{}, fmt.Errorf("reading the rendered chart: %w", readErr)
	}
	var resp response
	if err := json.Unmarshal(data, &resp); err != nil {
		return response{}, fmt.Errorf("reading the rendered chart: %w", err)
	}
	return resp, nil
}
