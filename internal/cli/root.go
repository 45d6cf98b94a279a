// Package cli is mlguard's command line: one file per command, flag parsing,
// output selection and exit codes. It holds no scanning logic.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	// Every built-in rule.
	_ "github.com/mlguard/mlguard/internal/rules/all"
)

// Exit codes.
const (
	ExitOK       = 0 // nothing at or above the threshold
	ExitFindings = 1 // findings at or above the threshold
	ExitError    = 2 // usage error, or some input could not be read
)

// Version is set at build time with -ldflags "-X github.com/mlguard/mlguard/internal/cli.Version=v1.2.3".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func usageError(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// Main runs the CLI with args and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	return mainWithStdin(args, os.Stdin, stdout, stderr)
}

// mainWithStdin is Main reading "-" from stdin.
func mainWithStdin(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetIn(stdin)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "mlguard:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "mlguard:", err)
	return ExitError
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "mlguard",
		Short: "Keep ML platforms on AWS, Google Cloud, Azure and Kubernetes secure by default",
		Long: "mlguard finds the misconfigurations that expose models, training data and credentials in\n" +
			"infrastructure as code, offline and with no credentials.\n\n" +
			"Exit codes: 0 nothing at or above the severity threshold, 1 findings, 2 usage error or unreadable input.\n" +
			"Colour is used on a terminal unless --no-color is given or NO_COLOR is set.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().Bool("no-color", false, "no colour in text output (also when the NO_COLOR environment variable is set)")
	root.AddCommand(newScanCmd(), newThreatModelCmd(), newDataCmd(), newIAMCmd(), newAuditCmd(), newPolicyCmd(), newGuardrailsCmd(), newAccessCmd(), newBlueprintsCmd(), newServeCmd(), newRulesCmd(), newVersionCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the mlguard version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "mlguard", version())
			return err
		},
	}
}

// isTerminal reports whether w is a terminal, for colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
