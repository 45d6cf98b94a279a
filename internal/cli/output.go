package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mlguard/mlguard/internal/rule"
)

// output is -f/--format and -o/--output, which every command that writes a
// report takes, with the same names and the same rules: format names are
// case-insensitive and "-o -" is standard output.
type output struct {
	format, path string
	formats      []string
}

// register adds -f and -o to a command's flags.
func (o *output) register(fl *pflag.FlagSet, def string, formats ...string) {
	o.formats = formats
	fl.StringVarP(&o.format, "format", "f", def, "output format: "+strings.Join(formats, ", "))
	fl.StringVarP(&o.path, "output", "o", "", "write the report to this file instead of standard output")
}

// check normalizes the format name and refuses an unknown one.
func (o *output) check() error {
	o.format = strings.ToLower(strings.TrimSpace(o.format))
	if !slices.Contains(o.formats, o.format) {
		return usageError("--format: unknown format %q (want %s)", o.format, orList(o.formats))
	}
	return nil
}

// toFile reports whether the report goes to a file.
func (o *output) toFile() bool { return o.path != "" && o.path != "-" }

// open returns where the report goes and a function that finishes it.
func (o *output) open(stdout io.Writer) (io.Writer, func() error, error) {
	if !o.toFile() {
		return stdout, func() error { return nil }, nil
	}
	file, err := os.Create(o.path)
	if err != nil {
		return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("--output: cannot create %s: %w", o.path, err)}
	}
	return file, file.Close, nil
}

// write runs render on the report's destination and closes it.
func (o *output) write(stdout io.Writer, render func(io.Writer) error) error {
	w, done, err := o.open(stdout)
	if err != nil {
		return err
	}
	if err := render(w); err != nil {
		done()
		return &exitError{code: ExitError, err: err}
	}
	if err := done(); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("--output %s: %w", o.path, err)}
	}
	return nil
}

// color reports whether text output to stdout may be coloured: a terminal,
// and neither --no-color nor NO_COLOR.
func (o *output) color(cmd *cobra.Command, stdout io.Writer) bool {
	if noColor, _ := cmd.Flags().GetBool("no-color"); noColor {
		return false
	}
	return o.format == "text" && !o.toFile() && isTerminal(stdout)
}

// orList renders names as "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// parseSeverity reads --severity: one severity (that and above) or, as
// Trivy users write it, a comma-separated list that runs from the lowest
// severity wanted up to CRITICAL (HIGH,CRITICAL).
func parseSeverity(flag, value string) (rule.Severity, error) {
	var sevs []rule.Severity
	for _, part := range strings.Split(value, ",") {
		s, err := rule.ParseSeverity(strings.TrimSpace(part))
		if err != nil {
			return 0, usageError("%s: %v", flag, err)
		}
		if !slices.Contains(sevs, s) {
			sevs = append(sevs, s)
		}
	}
	min := slices.Min(sevs)
	if len(sevs) > 1 && int(rule.Critical-min)+1 != len(sevs) {
		return 0, usageError("%s %s: a list must name every severity from the lowest wanted up to CRITICAL (for example HIGH,CRITICAL); "+
			"mlguard reports a severity and everything above it", flag, value)
	}
	return min, nil
}

// reportFlags checks what every command that judges takes: --severity,
// -f/-o and the exit policy; it returns the severity threshold.
func reportFlags(severity string, out *output, exit *exitPolicy) (rule.Severity, error) {
	min, err := parseSeverity("--severity", severity)
	if err != nil {
		return min, err
	}
	if err := out.check(); err != nil {
		return min, err
	}
	return min, exit.check()
}

// exitPolicy is --exit-code and --soft-fail: what findings at or above the
// threshold make the exit code. Input errors exit 2 whatever they say.
type exitPolicy struct {
	code int
	soft bool
}

func (e *exitPolicy) register(fl *pflag.FlagSet, what string) {
	fl.IntVar(&e.code, "exit-code", ExitFindings, "exit code when there are "+what+" at or above --severity (0 to never fail on them)")
	fl.BoolVar(&e.soft, "soft-fail", false, "exit 0 even when there are "+what+" (input errors still exit 2)")
}

func (e *exitPolicy) check() error {
	if e.code < 0 || e.code > 125 {
		return usageError("--exit-code %d: want a number from 0 to 125", e.code)
	}
	return nil
}

// findings is the error a command returns when it found something.
func (e *exitPolicy) findings() error {
	if e.soft || e.code == 0 {
		return nil
	}
	return &exitError{code: e.code}
}

// maxInputBytes bounds a file named on the command line that is read whole
// (settings, baselines, policies, variable files, guardrail specs).
const maxInputBytes = 64 << 20
