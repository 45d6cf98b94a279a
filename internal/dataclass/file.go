package dataclass

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
)

// FileVersion is the version of the classification file this package reads
// and `mlguard data scan --classification-out` writes.
const FileVersion = "1"

// File is the classification file: the info types found in each dataset,
// and where the dataset is stored when the scan was told.
type File struct {
	Version  string        `json:"version"`
	Datasets []FileDataset `json:"datasets"`
}

// FileDataset is one dataset of a classification file.
type FileDataset struct {
	// Path is where the dataset was read, as given to data scan.
	Path string `json:"path"`
	// Location is where it is stored (s3://, gs://, Azure Blob URI), from
	// data scan --stored-at; empty when it was not given.
	Location  string   `json:"location,omitempty"`
	InfoTypes []string `json:"info_types"`
}

// ReadFile decodes a classification file. Datasets without a storage
// location cannot be tied to infrastructure; they are returned as warnings.
func ReadFile(name string, data []byte) (*Map, []string, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("%s: not a classification file: %w", name, err)
	}
	if f.Version != FileVersion {
		return nil, nil, fmt.Errorf("%s: classification file version %q, want %q", name, f.Version, FileVersion)
	}
	m := &Map{}
	var warnings []string
	base := path.Base(name)
	for i, ds := range f.Datasets {
		if ds.Location == "" {
			warnings = append(warnings, fmt.Sprintf("%s: dataset %s has no storage location, so no storage is known to hold it (write it with data scan --stored-at)", name, ds.Path))
			continue
		}
		l, err := ParseLocation(ds.Location)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: dataset %d: %w", name, i+1, err)
		}
		for _, t := range ds.InfoTypes {
			if !Valid(t) {
				return nil, nil, fmt.Errorf("%s: dataset %s: unknown info type %q", name, ds.Path, t)
			}
		}
		m.Add(Entry{Location: l, Classes: ds.InfoTypes, Source: base})
	}
	return m, warnings, nil
}
