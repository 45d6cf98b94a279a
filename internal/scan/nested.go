package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/mlguard/mlguard/internal/parse/cloudformation"
	"github.com/mlguard/mlguard/internal/source"
)

// nestedParameters finds the nested stacks of the tree's templates whose
// template is a local file (a cdk.out) and the parameters their parent
// passes them, so that each nested template is read in its own scope with
// the values it is deployed with rather than with its parameters unknown.
// Only synthesized stacks (*.template.json) are looked at.
// The child is named by the parent's aws:asset:path metadata, or, as the
// CDK writes it without the CLI, by the asset hash at the end of the
// TemplateURL, looked up in the *.assets.json beside the parent. Only
// parameters whose value the parent knows are passed.
func nestedParameters(ctx context.Context, tree *source.Tree, opts Options) (map[string]map[string]string, source.Diagnostics) {
	out := map[string]map[string]string{}
	var diags source.Diagnostics
	for _, f := range tree.Files {
		// Synthesized stacks are X.template.json; other templates name
		// their nested stacks by S3 URL, which no local file answers.
		if f.Format != source.FormatCloudFormation || !strings.HasSuffix(f.Path, ".template.json") || ctx.Err() != nil {
			continue
		}
		data, err := source.ReadFile(tree.FS, f.Path, opts.Limits.MaxFileBytes)
		if err != nil || !bytes.Contains(data, []byte("AWS::CloudFormation::Stack")) {
			continue
		}
		t, _ := cloudformation.Parse(ctx, f.Path, data, opts.CloudFormation)
		if t == nil {
			continue
		}
		var assets map[string]string
		for _, r := range t.Resources {
			if r.Type != "AWS::CloudFormation::Stack" {
				continue
			}
			child := r.AssetPath
			if child == "" {
				if assets == nil {
					assets = assetFiles(tree, path.Dir(f.Path), opts)
				}
				hash := templateHash(r)
				if child = assets[hash]; child == "" && assetHash.MatchString(hash) {
					// A synthesized nested stack whose template is not here:
					// said, since its parameters then stay unknown.
					diags.Warnf(r.Range, "Nested stack template not found", "the asset %s is in no *.assets.json beside %s; a nested template of the tree is read on its own, with its parameters unknown", hash, f.Path)
				}
			}
			if child == "" {
				continue
			}
			params := map[string]string{}
			if ps := r.Properties.Get("Parameters"); ps != nil {
				for _, k := range ps.Keys {
					if text, ok := ps.Map[k].Text(); ok {
						params[k] = text
					}
				}
			}
			out[path.Join(path.Dir(f.Path), child)] = params
		}
	}
	return out, diags
}

// assetHash is the shape of a CDK asset hash.
var assetHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// templateHash is the asset hash a nested stack's TemplateURL ends with
// (.../673167e0...aa.json), or "".
func templateHash(r *cloudformation.Resource) string {
	u := r.Properties.Get("TemplateURL")
	if u == nil {
		return ""
	}
	text := u.Str // the known text of a partly unknown Fn::Join
	return strings.TrimSuffix(path.Base(text), ".json")
}

// assetFiles maps asset hashes to the local files the *.assets.json
// manifests of dir name.
func assetFiles(tree *source.Tree, dir string, opts Options) map[string]string {
	out := map[string]string{}
	entries, _ := fs.ReadDir(tree.FS, dir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".assets.json") {
			continue
		}
		data, err := source.ReadFile(tree.FS, path.Join(dir, name), opts.Limits.MaxFileBytes)
		if err != nil {
			continue
		}
		var m struct {
			Files map[string]struct {
				Source struct {
					Path string `json:"path"`
				} `json:"source"`
			} `json:"files"`
		}
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		for hash, f := range m.Files {
			if f.Source.Path != "" && !strings.Contains(f.Source.Path, "..") {
				out[hash] = f.Source.Path
			}
		}
	}
	return out
}
