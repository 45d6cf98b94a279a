package policy_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/policy"
	"github.com/mlguard/mlguard/internal/rule"
)

// FuzzLoad: any policy text either loads or is an error; what loads runs on
// a model without panicking.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(examples, "*.rego"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("# METADATA\n# custom:\n#   id: 1\npackage a\ndeny contains {} if true\n"))
	in := &aws.Model{NotebookInstances: []*aws.NotebookInstance{{Resource: model.Resource{Address: "aws_sagemaker_notebook_instance.nb", Type: "aws_sagemaker_notebook_instance"}}}}
	in.Index()
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := policy.Load(context.Background(), fstest.MapFS{"a.rego": {Data: data}}, ".", policy.Options{})
		if err != nil {
			return
		}
		for _, r := range set.Rules {
			_, _ = r.Run(context.Background(), &rule.Input{AWS: in})
		}
	})
}
