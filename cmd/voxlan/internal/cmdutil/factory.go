package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/voxlan/voxlan/capture"
)

// IOStreams are the streams a command reads and writes. stdout carries data
// only; progress, hints and errors go to stderr.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY and ErrTTY say whether Out and ErrOut are terminals: tables and
	// progress for people, tab-separated or JSON for pipes.
	OutTTY bool
	ErrTTY bool
	InTTY  bool
	// Interrupted reports whether the user interrupted the command
	// (Ctrl-C); nil means never. An --out file of an interrupted command
	// does not replace the previous one (OpenOutput).
	Interrupted func() bool
}

// SystemStreams returns the process's own streams.
func SystemStreams() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// Factory carries what commands depend on, so tests can inject their own.
type Factory struct {
	IO  *IOStreams
	Now func() time.Time
	// Getenv reads the environment (secrets come from it, never from flags
	// printed anywhere).
	Getenv func(string) string
	// Interfaces lists the laptop's interfaces, for the verbs that find
	// the jack without --iface (here, probe, the UI's Here screen).
	Interfaces InterfacesFunc
}

// NewFactory returns the factory wired to the real process.
func NewFactory() *Factory {
	return &Factory{IO: SystemStreams(), Now: time.Now, Getenv: os.Getenv, Interfaces: capture.Interfaces}
}

// ExitError carries an exit code through cobra's error return. A command
// returns it when its outcome (not a failure to run) decides the code, such
// as a partial discovery.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// UsageError marks bad flags, arguments or input: exit code 2.
func UsageError(format string, a ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, a...)}
}

// Silent returns an error that sets the exit code without printing anything:
// the command already told the user what happened.
func Silent(code int) error { return &ExitError{Code: code} }

// CodeFor maps an error returned by a command to an exit code.
func CodeFor(err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitFailure
}
