package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/data"
	"github.com/mlguard/mlguard/internal/data/detect"
	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/report"
)

type dataFlags struct {
	out        output
	exit       exitPolicy
	severity   string
	sample     int64
	full       bool
	regions    string
	configFile string
	classesOut string
	storedAt   string
}

func newDataCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "data",
		Short: "Find personal data and secrets in training datasets",
	}
	cmd.AddCommand(newDataScanCmd())
	return cmd
}

func newDataScanCmd() *cobra.Command {
	f := &dataFlags{}
	cmd := &cobra.Command{
		Use:   "scan PATH...",
		Short: "Find personal data and secrets in dataset files, offline",
		Long: "Read dataset files (CSV and TSV, JSON, JSON Lines, Parquet; each also .gz, .zst or .bz2; directory trees\n" +
			"and Hugging Face-style folders of shards) and report the personal data and secrets their values hold:\n" +
			"emails, phone numbers, payment cards, IBANs, US SSNs and ITINs, UK National Insurance and Canadian Social\n" +
			"Insurance numbers, IP and MAC addresses, dates of birth, names and street addresses (where column names or\n" +
			"nearby words say so), coordinates, and keys, tokens and passwords. Each candidate is validated (Luhn and\n" +
			"issuer ranges, mod-97, number plans, excluded ranges); each column is classified by what most of its values\n" +
			"are. Values are shown redacted in every format. Nothing leaves the machine.\n\n" +
			"Exit codes: 0 nothing at or above --severity, 1 findings (see --exit-code, --soft-fail), 2 usage error,\n" +
			"a file that could not be read, or no dataset file at all.",
		Example: "  mlguard data scan examples/data\n" +
			"  mlguard data scan --sample 10000 -f sarif -o data.sarif datasets/\n" +
			"  mlguard data scan --region GB,FR --classification-out classes.json s3-export/\n" +
			"  mlguard data scan --stored-at s3://ml-training-data/ --classification-out classes.json export/\n" +
			"  mlguard scan --data-classification classes.json infra/",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runDataScan(cmd, args, f) },
	}
	fl := cmd.Flags()
	f.out.register(fl, "text", report.DataFormats...)
	f.exit.register(fl, "findings")
	fl.StringVar(&f.severity, "severity", "LOW", "report only findings at or above LOW, MEDIUM, HIGH or CRITICAL (or a list up to CRITICAL)")
	fl.Int64Var(&f.sample, "sample", 0, fmt.Sprintf("records read per file (default: the whole file, up to %d records)", data.DefaultSample))
	fl.BoolVar(&f.full, "full", false, "read every record of every file")
	fl.StringVar(&f.regions, "region", strings.Join(detect.DefaultRegions, ","), "regions national phone numbers are read in (ISO 3166 codes, comma-separated)")
	fl.StringVar(&f.configFile, "config", "", "settings file (default: .mlguard.yaml in the working directory, with data.accept entries)")
	fl.StringVar(&f.classesOut, "classification-out", "", "also write which info types were found under which dataset paths (JSON), for scan --data-classification")
	fl.StringVar(&f.storedAt, "stored-at", "", "the storage location the PATHs are copies of (s3://BUCKET/PREFIX, gs://, an Azure Blob URI): each dataset's location in --classification-out is it plus the dataset's path under its PATH")
	return cmd
}

func runDataScan(cmd *cobra.Command, args []string, f *dataFlags) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	min, err := reportFlags(f.severity, &f.out, &f.exit)
	if err != nil {
		return err
	}
	if f.storedAt != "" {
		if f.classesOut == "" {
			return usageError("--stored-at says where the datasets are kept for --classification-out; give that too")
		}
		if l, err := dataclass.ParseLocation(f.storedAt); err != nil || l.Cloud == dataclass.Any {
			return usageError("--stored-at %q: want an s3://, gs:// or Azure Blob URI", f.storedAt)
		}
	}
	if f.sample < 0 {
		return usageError("--sample %d: want a number of records", f.sample)
	}
	opts := data.Options{Sample: f.sample, Full: f.full}
	for _, r := range strings.Split(f.regions, ",") {
		if r = strings.ToUpper(strings.TrimSpace(r)); r != "" {
			opts.Regions = append(opts.Regions, r)
		}
	}
	if opts.Accept, err = f.accept(cmd.ErrOrStderr()); err != nil {
		return err
	}
	res, err := data.Scan(ctx, args, opts)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	ropts := report.Options{Version: version(), MinSeverity: min, Color: f.out.color(cmd, cmd.OutOrStdout())}
	if err := f.out.write(cmd.OutOrStdout(), func(w io.Writer) error { return report.WriteData(w, f.out.format, res, ropts) }); err != nil {
		return err
	}
	if f.classesOut != "" {
		if err := writeClasses(f.classesOut, res, args, f.storedAt); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	switch {
	case slices.ContainsFunc(res.Errors, func(e data.FileError) bool { return !e.Partial }):
		return &exitError{code: ExitError}
	case res.Files == 0:
		return &exitError{code: ExitError, err: fmt.Errorf("no dataset file in %s", strings.Join(args, " "))}
	case len(report.ActiveData(res, min)) > 0:
		return f.exit.findings()
	}
	return nil
}

// accept reads data.accept from --config or .mlguard.yaml in the working
// directory.
func (f *dataFlags) accept(stderr io.Writer) ([]data.Accept, error) {
	name := f.configFile
	if name == "" {
		if !exists(config.FileName) {
			return nil, nil
		}
		name = config.FileName
	}
	c, err := readConfig(name)
	if err != nil {
		return nil, usageError("--config: %v", err)
	}
	var out []data.Accept
	for i, a := range c.Data.Accept {
		t := detect.Type(strings.ToUpper(a.Type))
		if a.Type != "" && !slices.Contains(detect.Types, t) {
			return nil, usageError("%s: data.accept entry %d: unknown info type %q", name, i+1, a.Type)
		}
		out = append(out, data.Accept{Path: a.Path, Column: a.Column, Type: t, Reason: a.Reason})
	}
	if len(out) > 0 {
		fmt.Fprintf(stderr, "mlguard: using settings from %s\n", name)
	}
	return out, nil
}

// writeClasses writes the info types found under each dataset path, and
// where each dataset is stored when --stored-at says, for the
// infrastructure scan to know which storage holds what.
func writeClasses(name string, res *data.Result, roots []string, storedAt string) error {
	doc := dataclass.File{Version: dataclass.FileVersion, Datasets: []dataclass.FileDataset{}}
	for _, ds := range res.Datasets {
		var types []string
		for _, c := range ds.Columns {
			if c.Accepted != nil {
				continue
			}
			for _, t := range c.Types {
				if !slices.Contains(types, string(t.Type)) {
					types = append(types, string(t.Type))
				}
			}
		}
		if len(types) > 0 {
			slices.Sort(types)
			doc.Datasets = append(doc.Datasets, dataclass.FileDataset{Path: filepath.ToSlash(ds.Path),
				Location: storedLocation(ds.Path, roots, storedAt), InfoTypes: types})
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(name, append(out, '\n'), 0o644); err != nil {
		return fmt.Errorf("--classification-out: %w", err)
	}
	return nil
}

// storedLocation is where a dataset read under one of the scanned roots is
// stored: the location the root is a copy of, then the dataset's path below
// the root (its name when the root is the file itself).
func storedLocation(p string, roots []string, storedAt string) string {
	if storedAt == "" {
		return ""
	}
	rel := filepath.Base(p)
	best := -1
	for _, r := range roots {
		if q, err := filepath.Rel(r, p); err == nil && q != "." && !strings.HasPrefix(q, "..") && (best < 0 || len(r) > best) {
			rel, best = q, len(r)
		}
	}
	return strings.TrimSuffix(storedAt, "/") + "/" + filepath.ToSlash(rel)
}
