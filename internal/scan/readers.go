package scan

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	adaptarm "github.com/mlguard/mlguard/internal/adapt/arm/azure"
	adaptcfn "github.com/mlguard/mlguard/internal/adapt/cloudformation/aws"
	adaptdocker "github.com/mlguard/mlguard/internal/adapt/dockerfile"
	adaptpolicy "github.com/mlguard/mlguard/internal/adapt/iampolicy"
	adaptkube "github.com/mlguard/mlguard/internal/adapt/kubernetes"
	"github.com/mlguard/mlguard/internal/adapt/terraform/awscc"
	adaptazure "github.com/mlguard/mlguard/internal/adapt/terraform/azure"
	adaptgcp "github.com/mlguard/mlguard/internal/adapt/terraform/gcp"
	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/parse/dockerfile"
	"github.com/mlguard/mlguard/internal/parse/iampolicy"
	kubeparse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/source"
)

// Readers: each input form of a tree is read by one reader, behind one
// interface that scanTarget iterates; a new form (a chart, a Bicep file, a
// cdk.out) is a new reader, or, for a file that is a unit on its own, a new
// entry of fileForms, never a new branch in scanTarget.

// reader reads the inputs of one form in a tree into units, handing each to
// check as soon as it is ready (rules run on it in the worker that made it),
// and returns what could not be read. An error stops the scan (a cancelled
// context).
type reader interface {
	read(ctx context.Context, in readInput) (source.Diagnostics, error)
}

// readInput is what a reader reads from and hands units to.
type readInput struct {
	tree  *source.Tree
	root  string
	opts  Options
	check func(unit)
	// claims are the files that renderers (charts, kustomizations) read,
	// which the manifest reader leaves to them.
	claims *claims
}

// readers are the input forms of a scan, in the order they run.
// Renderers run before the manifest reader, which leaves what they claimed.
var readers = []reader{terraformReader{}, bicepReader{}, fileReader{}, helmReader{}, kustomizeReader{}, kubernetesReader{}}

// terraformReader evaluates every root module of the tree.
type terraformReader struct{}

func (terraformReader) read(ctx context.Context, in readInput) (source.Diagnostics, error) {
	tfOpts := in.opts.Terraform
	tfOpts.OnUnit = func(u terraform.Unit) { in.check(terraformUnit(u)) }
	tf, err := terraform.Load(ctx, in.tree, tfOpts)
	if err != nil {
		return nil, err
	}
	return tf.Diagnostics, nil
}

// fileReader reads the files that are units on their own (fileForms).
type fileReader struct{}

func (fileReader) read(ctx context.Context, in readInput) (source.Diagnostics, error) {
	return readEach(ctx, in.tree, in.opts, in.claims, in.check), nil
}

// kubernetesReader reads the manifests of the tree, grouped into units.
type kubernetesReader struct{}

func (kubernetesReader) read(ctx context.Context, in readInput) (source.Diagnostics, error) {
	return readKubernetes(ctx, in.tree, in.root, in.opts, in.claims, in.check), nil
}

func terraformUnit(u terraform.Unit) unit {
	types := make([]string, 0, len(u.Resources))
	for _, r := range u.Resources {
		if r.Mode == "managed" {
			types = append(types, r.Type)
		}
	}
	return unit{name: u.Name, types: types, build: func() *rule.Input {
		in := (&rule.Input{AWS: awscc.Adapt(u.Resources), GCP: adaptgcp.Adapt(u.Resources), Azure: adaptazure.Adapt(u.Resources, u.Providers)}).Fill()
		in.AWS.Region = u.AWSRegion
		return in
	}}
}

// readKubernetes reads the Kubernetes manifests of the tree, in parallel,
// into one unit per top-level directory of the target (files directly under
// it form one more): objects refer to each other across files (a Service to
// the pods it selects, a namespace's NetworkPolicy to its model servers), as
// kustomize bases and Helm output split them, while separate applications
// (examples/insecure, examples/hardened) are judged apart.
func readKubernetes(ctx context.Context, tree *source.Tree, root string, opts Options, c *claims, check func(unit)) source.Diagnostics {
	var files []source.File
	dirs := map[string]bool{}
	for _, f := range tree.Files {
		if f.Format == source.FormatKubernetes && !c.taken(f.Path) {
			files = append(files, f)
			dirs[path.Dir(f.Path)] = true
		}
	}
	if len(files) == 0 {
		return nil
	}
	var ds source.Diagnostics
	patches := kubeparse.Patches(tree.FS, slices.Sorted(maps.Keys(dirs)), opts.Limits.MaxFileBytes)
	files = slices.DeleteFunc(files, func(f source.File) bool {
		if patches[f.Path] {
			ds.Warnf(source.Range{File: f.Path, StartLine: 1, EndLine: 1}, "Kustomize patch",
				"the file is a patch of a kustomization that was not built; it is not judged on its own")
			return true
		}
		return false
	})
	objs := make([][]*kubeparse.Object, len(files))
	ds = append(ds, readParallel(ctx, tree, files, opts.Limits.MaxFileBytes,
		func(_ context.Context, i int, f source.File, data []byte) (d source.Diagnostics) {
			objs[i], d = kubeparse.Parse(f.Path, data)
			return d
		})...)
	groups := map[string][]int{}
	var order []string
	for i, f := range files {
		k := kubernetesGroup(root, f.Path)
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		var all []*kubeparse.Object
		for _, i := range groups[k] {
			all = append(all, objs[i]...)
		}
		types := make([]string, len(all))
		for i, o := range all {
			types[i] = o.Kind
		}
		check(unit{name: files[groups[k][0]].Path, types: types,
			build: func() *rule.Input { return (&rule.Input{Kubernetes: adaptkube.Adapt(all)}).Fill() }})
	}
	return ds
}

// kubernetesGroup is the top-level directory of p below root, or "" for a
// file directly under it.
func kubernetesGroup(root, p string) string {
	rel := p
	if root != "." && root != "" {
		rel = strings.TrimPrefix(p, root+"/")
	}
	if dir, _, found := strings.Cut(rel, "/"); found {
		return dir
	}
	return ""
}

// readEach reads the files that are units on their own (plans, states,
// templates, policy files), in parallel, and hands each to check as soon
// as it is read.
func readEach(ctx context.Context, tree *source.Tree, opts Options, c *claims, check func(unit)) source.Diagnostics {
	var files []source.File
	for _, f := range tree.Files {
		if fileForms[f.Format] != nil && !c.taken(f.Path) {
			files = append(files, f)
		}
	}
	nested, nd := nestedParameters(ctx, tree, opts)
	return append(nd, readParallel(ctx, tree, files, opts.Limits.MaxFileBytes,
		func(ctx context.Context, _ int, f source.File, data []byte) source.Diagnostics {
			o, pd := opts, source.Diagnostics(nil)
			if f.Format == source.FormatARM {
				o, pd = armParameters(tree.FS, f, opts)
			}
			if params, ok := nested[f.Path]; ok {
				o.CloudFormation.Params = withParent(params, opts.CloudFormation.Params)
			}
			u, d := readUnit(ctx, f, data, o)
			check(u)
			return append(pd, d...)
		})...)
}

// armParameters adds the values of the template's parameters file
// (azuredeploy.parameters.json beside azuredeploy.json), the way the
// template is deployed, under the values given on the command line.
func armParameters(fsys fs.FS, f source.File, opts Options) (Options, source.Diagnostics) {
	var diags source.Diagnostics
	name := strings.TrimSuffix(f.Path, path.Ext(f.Path)) + ".parameters.json"
	data, err := source.ReadFile(fsys, name, opts.Limits.MaxFileBytes)
	if err != nil {
		return opts, nil // no parameters file: the template's defaults
	}
	file, err := arm.ParametersFile(data)
	if err != nil {
		diags.Warnf(source.Range{File: name, StartLine: 1, EndLine: 1}, "Parameters file not read", "%v; %s is scanned with its defaults", err, f.Path)
		return opts, diags
	}
	maps.Copy(file.Params, opts.ARM.Params)
	for k := range opts.ARM.Params {
		delete(file.Unknown, k)
	}
	opts.ARM = file
	return opts, nil
}

// readParallel reads files on every core and hands each file's bytes to
// read; a file that cannot be read is an error diagnostic. The diagnostics
// come back in file order.
func readParallel(ctx context.Context, tree *source.Tree, files []source.File, maxBytes int64,
	read func(ctx context.Context, i int, f source.File, data []byte) source.Diagnostics) source.Diagnostics {
	diags := make([]source.Diagnostics, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		g.Go(func() error {
			data, err := source.ReadFile(tree.FS, f.Path, maxBytes)
			if err != nil {
				diags[i].Errorf(source.ReadRange(f.Path, err), "Cannot read file", "%v", err)
				return nil
			}
			diags[i] = read(gctx, i, f, data)
			return nil
		})
	}
	_ = g.Wait()
	var all source.Diagnostics
	for _, d := range diags {
		all = append(all, d...)
	}
	return all
}

func readUnit(ctx context.Context, f source.File, data []byte, opts Options) (u unit, diags source.Diagnostics) {
	defer func() {
		if p := recover(); p != nil {
			diags.Errorf(source.Range{File: f.Path}, "Internal error", "reading this file failed: %v; please report it", p)
			u = emptyUnit(f.Path)
		}
	}()
	return fileForms[f.Format](ctx, f, data, opts)
}

// fileForm reads one file that is a unit on its own.
type fileForm func(ctx context.Context, f source.File, data []byte, opts Options) (unit, source.Diagnostics)

// fileForms are the formats read one file at a time, by the format
// discovery gives a file. A new form of the kind is one entry here.
var fileForms = map[source.Format]fileForm{
	source.FormatTerraformPlan: func(_ context.Context, f source.File, data []byte, _ Options) (unit, source.Diagnostics) {
		rs, d := terraform.LoadPlan(f.Path, data)
		return terraformUnit(terraform.Unit{Name: f.Path, Resources: rs}), d
	},
	source.FormatTerraformState: func(_ context.Context, f source.File, data []byte, _ Options) (unit, source.Diagnostics) {
		rs, d := terraform.LoadState(f.Path, data)
		return terraformUnit(terraform.Unit{Name: f.Path, Resources: rs}), d
	},
	source.FormatARM: func(ctx context.Context, f source.File, data []byte, opts Options) (unit, source.Diagnostics) {
		t, d := arm.Parse(ctx, f.Path, data, opts.ARM)
		var types []string
		for _, r := range t.Resources {
			types = append(types, r.Type)
		}
		return unit{name: f.Path, types: types, build: func() *rule.Input { return (&rule.Input{Azure: adaptarm.Adapt(t)}).Fill() }}, d
	},
	source.FormatIAMPolicy: func(_ context.Context, f source.File, data []byte, _ Options) (unit, source.Diagnostics) {
		doc, d := iampolicy.Parse(f.Path, data)
		return unit{name: f.Path, types: []string{adaptpolicy.ResourceType}, build: func() *rule.Input { return (&rule.Input{AWS: adaptpolicy.Adapt(doc)}).Fill() }}, d
	},
	source.FormatDockerfile: func(_ context.Context, f source.File, data []byte, _ Options) (unit, source.Diagnostics) {
		df, d := dockerfile.Parse(f.Path, data)
		return unit{name: f.Path, types: []string{image.ResourceType}, build: func() *rule.Input { return (&rule.Input{Images: adaptdocker.Adapt(df)}).Fill() }}, d
	},
	source.FormatCloudFormation: func(ctx context.Context, f source.File, data []byte, opts Options) (unit, source.Diagnostics) {
		t, d := cloudformation.Parse(ctx, f.Path, data, opts.CloudFormation)
		var types []string
		if t != nil {
			for _, r := range t.Resources {
				types = append(types, r.Type)
			}
		}
		return unit{name: f.Path, types: types, build: func() *rule.Input { return (&rule.Input{AWS: adaptcfn.Adapt(t)}).Fill() }}, d
	},
}

// withParent is a nested template's parameters: those its parent stack
// passes, under those given on the command line.
func withParent(parent, given map[string]string) map[string]string {
	out := make(map[string]string, len(parent)+len(given))
	maps.Copy(out, parent)
	maps.Copy(out, given)
	return out
}
