// Command compare runs mlguard and tfsec on the same generated ML platform
// trees, alternating, several times, and prints the median wall time, CPU
// time and peak memory of each, their ratios, and how many findings each
// reported on ML-relevant resources.
//
//	go run ./bench/compare -sizes 100,1000,10000 -runs 5
//
// tfsec is taken from -tfsec, else from PATH, else installed once with
// `go install github.com/aquasecurity/tfsec/cmd/tfsec@v1.26.0` into a cache
// directory (that step needs the Go module proxy; nothing else does).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mlguard/mlguard/bench/corpus"
)

const tfsecModule = "github.com/aquasecurity/tfsec/cmd/tfsec@v1.26.0"

func main() {
	sizes := flag.String("sizes", "100,1000,10000", "corpus sizes in .tf files, comma separated")
	runs := flag.Int("runs", 5, "runs of each tool per size")
	tfsec := flag.String("tfsec", "", "tfsec binary (default: PATH, else installed into the user cache)")
	work := flag.String("work", filepath.Join(os.TempDir(), "mlguard-bench"), "directory for corpora and reports")
	flag.Parse()
	if err := run(*sizes, *runs, *tfsec, *work); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(sizes string, runs int, tfsec, work string) error {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	mlguard := filepath.Join(work, "mlguard")
	if out, err := exec.Command("go", "build", "-o", mlguard, "./cmd/mlguard").CombinedOutput(); err != nil {
		return fmt.Errorf("build mlguard: %v\n%s", err, out)
	}
	tfsec, err := findTfsec(tfsec)
	if err != nil {
		return err
	}
	fmt.Printf("mlguard %s\ntfsec   %s (%s)\nruns    %d per tool and size, alternating; medians\n\n", mlguard, tfsec, tfsecModule, runs)
	fmt.Printf("%-7s %-8s %9s %9s %10s %9s %12s\n", "files", "tool", "wall", "cpu", "peak RSS", "findings", "ML findings")
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("-sizes: %w", err)
		}
		if err := compareSize(work, mlguard, tfsec, n, runs); err != nil {
			return err
		}
	}
	return nil
}

// findTfsec returns the tfsec to run, installing the pinned version once.
func findTfsec(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if p, err := exec.LookPath("tfsec"); err == nil {
		return p, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	bin := filepath.Join(cache, "mlguard-bench", "bin")
	p := filepath.Join(bin, "tfsec")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	fmt.Fprintf(os.Stderr, "installing %s into %s\n", tfsecModule, bin)
	cmd := exec.Command("go", "install", tfsecModule)
	cmd.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("install tfsec: %v\n%s", err, out)
	}
	return p, nil
}

// measurement is one run of one tool.
type measurement struct {
	wall, cpu time.Duration
	rssKB     int64
}

// tool runs one scanner on a tree and counts the findings in its report.
type tool struct {
	name  string
	args  func(tree, report string) []string
	count func(report []byte) (all, ml int, err error)
}

func tools(mlguard, tfsec string) []tool {
	return []tool{
		{name: "mlguard", args: func(tree, report string) []string {
			return []string{mlguard, "scan", "--format", "json", "--output", report, tree}
		}, count: countMlguard},
		{name: "tfsec", args: func(tree, report string) []string {
			return []string{tfsec, "--no-colour", "--soft-fail", "--format", "json", "--out", report, tree}
		}, count: countTfsec},
	}
}

func compareSize(work, mlguard, tfsec string, files, runs int) error {
	tree := filepath.Join(work, fmt.Sprintf("corpus%d", files))
	if err := corpus.Write(tree, files); err != nil {
		return err
	}
	ts := tools(mlguard, tfsec)
	results := make([][]measurement, len(ts))
	counts := make([][2]int, len(ts))
	for r := 0; r < runs; r++ {
		// Alternate which tool goes first, so neither always meets a warm cache.
		for k := range ts {
			i := (k + r) % len(ts)
			report := filepath.Join(work, fmt.Sprintf("%s-%d.json", ts[i].name, files))
			m, err := measure(ts[i].args(tree, report))
			if err != nil {
				return fmt.Errorf("%s on %d files: %w", ts[i].name, files, err)
			}
			results[i] = append(results[i], m)
			data, err := os.ReadFile(report)
			if err != nil {
				return err
			}
			all, ml, err := ts[i].count(data)
			if err != nil {
				return fmt.Errorf("%s report: %w", ts[i].name, err)
			}
			counts[i] = [2]int{all, ml}
		}
	}
	med := make([]measurement, len(ts))
	for i, t := range ts {
		med[i] = median(results[i])
		fmt.Printf("%-7d %-8s %8.2fs %8.2fs %8d MB %9d %12d\n", files, t.name, med[i].wall.Seconds(), med[i].cpu.Seconds(), med[i].rssKB/1024, counts[i][0], counts[i][1])
	}
	fmt.Printf("%-7d %-8s %8.1fx %8.1fx %9.1fx\n\n", files, "ratio", ratio(med[1].wall, med[0].wall), ratio(med[1].cpu, med[0].cpu), float64(med[1].rssKB)/float64(max(med[0].rssKB, 1)))
	return nil
}

func ratio(a, b time.Duration) float64 { return a.Seconds() / max(b.Seconds(), 1e-9) }

// measure runs a command and reads its wall time, CPU time and peak RSS.
// Exit status 1 is a scan with findings, not a failure.
func measure(argv []string) (measurement, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return measurement{}, err
	}
	m := measurement{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rssKB = ru.Maxrss // kilobytes on Linux
	}
	return m, nil
}

func median(ms []measurement) measurement {
	pick := func(get func(measurement) float64) float64 {
		v := make([]float64, len(ms))
		for i, m := range ms {
			v[i] = get(m)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	return measurement{
		wall:  time.Duration(pick(func(m measurement) float64 { return float64(m.wall) })),
		cpu:   time.Duration(pick(func(m measurement) float64 { return float64(m.cpu) })),
		rssKB: int64(pick(func(m measurement) float64 { return float64(m.rssKB) })),
	}
}

// mlTypes are the resource types of ML platforms: SageMaker and Bedrock and
// what they stand on. Findings on other types do not count as ML findings.
var mlTypes = []string{"aws_sagemaker_", "aws_bedrock", "aws_s3_", "aws_kms_", "aws_iam_", "aws_security_group", "aws_vpc",
	"aws_subnet", "aws_route", "aws_cloudwatch_log_group", "aws_ecr_", "aws_cloudtrail", "aws_secretsmanager_"}

// mlServices are the same, as tfsec names the service of a check (its
// results name a module call, not the resource, for resources in modules).
var mlServices = []string{"sagemaker", "bedrock", "s3", "kms", "iam", "ec2", "vpc", "cloudwatch", "ecr", "cloudtrail", "secretsmanager"}

// isML reports whether a resource type is ML-relevant.
func isML(resourceType string) bool {
	for _, p := range mlTypes {
		if strings.HasPrefix(resourceType, p) {
			return true
		}
	}
	return false
}

func countMlguard(data []byte) (int, int, error) {
	var r struct {
		Findings []struct {
			ResourceType string `json:"resource_type"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return 0, 0, err
	}
	ml := 0
	for _, f := range r.Findings {
		if isML(f.ResourceType) {
			ml++
		}
	}
	return len(r.Findings), ml, nil
}

func countTfsec(data []byte) (int, int, error) {
	var r struct {
		Results []struct {
			Service string `json:"rule_service"`
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return 0, 0, err
	}
	ml := 0
	for _, f := range r.Results {
		for _, s := range mlServices {
			if f.Service == s {
				ml++
			}
		}
	}
	return len(r.Results), ml, nil
}
