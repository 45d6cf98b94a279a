package helm

import (
	"bytes"
	"fmt"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/strvals"
)

// ValuesFile is a values file given on the command line.
type ValuesFile struct {
	Name string
	Data []byte
}

// Values merges values files (later ones win) and then --set assignments
// (KEY=VALUE, Helm's syntax: a.b=c, list[0]=x, a={x,y}), as helm template
// -f and --set do.
func Values(files []ValuesFile, sets []string) (map[string]any, error) {
	out := map[string]any{}
	for _, f := range files {
		v, err := loader.LoadValues(bytes.NewReader(f.Data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out = loader.MergeMaps(out, v)
	}
	for _, s := range sets {
		if err := strvals.ParseInto(s, out); err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
	}
	return out, nil
}
