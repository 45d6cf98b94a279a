package kubernetes

import (
	"io/fs"
	"path"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/source"
)

// kustomization is the part of a kustomization file that names patches.
type kustomization struct {
	PatchesStrategicMerge []string `yaml:"patchesStrategicMerge"`
	Patches               []struct {
		Path string `yaml:"path"`
	} `yaml:"patches"`
	PatchesJSON6902 []struct {
		Path string `yaml:"path"`
	} `yaml:"patchesJson6902"`
}

// Patches returns the files that the kustomizations of dirs apply as
// patches, as paths of fsys. A patch is a fragment of an object (a
// Deployment with only the fields it changes); judged on its own it would be
// missing everything its base sets, so it is judged only in the rendered
// output. maxBytes bounds each kustomization read.
func Patches(fsys fs.FS, dirs []string, maxBytes int64) map[string]bool {
	out := map[string]bool{}
	for _, dir := range dirs {
		for _, name := range source.KustomizationNames {
			p := path.Join(dir, name)
			info, err := source.CheckRegular(fsys, p)
			if err != nil || info.Size() > maxBytes {
				continue
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				continue
			}
			var k kustomization
			if yaml.Unmarshal(data, &k) != nil {
				continue
			}
			files := k.PatchesStrategicMerge
			for _, pt := range k.Patches {
				files = append(files, pt.Path)
			}
			for _, pt := range k.PatchesJSON6902 {
				files = append(files, pt.Path)
			}
			for _, f := range files {
				if f != "" {
					out[path.Clean(path.Join(dir, f))] = true
				}
			}
		}
	}
	return out
}
