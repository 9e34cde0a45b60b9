package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// OutputCloser finishes what OpenOutput started; cmdErr is the command's
// own error so far (nil when it succeeded).
type OutputCloser func(cmdErr error) error

// OpenOutput returns where a command writes its data: the file path names,
// as --out asks, else the command's stdout. A file is written atomically:
// the data goes to a temporary file beside it, which replaces path only
// when the command ends whole: no error, or only an outcome exit code
// (Silent: partial discovery, audit failures), every write and the close
// succeeded, and the user did not interrupt it. An interrupted or failed
// run leaves path as it was and keeps what it wrote as path + ".partial",
// saying so on stderr; a usage error (nothing done) leaves no trace. Special files
// (/dev/stdout, a pipe) are written directly. Call CloseOutput deferred
// with the command's named error: it closes and keeps the first error.
func OpenOutput(path string, streams *IOStreams) (io.Writer, OutputCloser, error) {
	if path == "" {
		return streams.Out, func(error) error { return nil }, nil
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return nil, nil, fmt.Errorf("%s is a directory", path)
		}
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				return nil, nil, err
			}
			return f, func(error) error { return f.Close() }, nil
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, nil, err
	}
	o := &atomicFile{f: f, path: path, streams: streams}
	if err := f.Chmod(mode); err != nil {
		o.discard()
		return nil, nil, err
	}
	return o, o.close, nil
}

// atomicFile is an --out file being written beside its destination.
type atomicFile struct {
	f       *os.File
	path    string
	streams *IOStreams
	written int64
	werr    error
	closed  bool
}

func (o *atomicFile) Write(p []byte) (int, error) {
	n, err := o.f.Write(p)
	o.written += int64(n)
	if err != nil && o.werr == nil {
		o.werr = err
	}
	return n, err
}

func (o *atomicFile) discard() {
	o.f.Close()
	os.Remove(o.f.Name())
}

func (o *atomicFile) close(cmdErr error) error {
	if o.closed {
		return fmt.Errorf("%s: %w", o.path, os.ErrClosed)
	}
	o.closed = true
	var ee *ExitError
	outcome := errors.As(cmdErr, &ee) && ee.Err == nil // Silent: the output is whole
	switch {
	case cmdErr != nil && CodeFor(cmdErr) == ExitUsage:
		o.discard() // refused before doing anything: the old file stays
		return nil
	case o.werr != nil:
		o.discard()
		return fmt.Errorf("writing %s: %w; %s was left as it was", o.path, o.werr, o.path)
	}
	err := o.f.Sync()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(o.f.Name())
		return fmt.Errorf("writing %s: %w; %s was left as it was", o.path, err, o.path)
	}
	interrupted := o.streams != nil && o.streams.Interrupted != nil && o.streams.Interrupted() ||
		outcome && ee.Code == ExitCancelled
	if interrupted || (cmdErr != nil && !outcome) {
		why := "interrupted"
		if !interrupted {
			why = "failed"
		}
		if o.written == 0 {
			os.Remove(o.f.Name())
			o.say("%s: %s left as it was", why, o.path)
			return nil
		}
		partial := o.path + ".partial"
		if err := os.Rename(o.f.Name(), partial); err != nil {
			os.Remove(o.f.Name())
			return fmt.Errorf("keeping the partial output as %s: %w; %s was left as it was", partial, err, o.path)
		}
		o.say("%s: %s left as it was; what was written so far is in %s", why, o.path, partial)
		return nil
	}
	if err := os.Rename(o.f.Name(), o.path); err != nil {
		os.Remove(o.f.Name())
		return err
	}
	return nil
}

func (o *atomicFile) say(format string, a ...any) {
	if o.streams != nil && o.streams.ErrOut != nil {
		fmt.Fprintf(o.streams.ErrOut, "voxlan: "+format+"\n", a...)
	}
}

// CloseOutput runs closeOut (from OpenOutput) with the command's error and,
// when the command had no error of its own, makes the close error the
// command's, prefixed with the verb's name. Call it deferred, with the
// command's named error result:
//
//	defer cmdutil.CloseOutput(&err, closeOut, "discover")
func CloseOutput(err *error, closeOut OutputCloser, verb string) {
	if cerr := closeOut(*err); cerr != nil && *err == nil {
		*err = fmt.Errorf("%s: %w", verb, cerr)
	}
}

// DefaultFormat is the output format when -o was not given: a table for a
// person at a terminal, JSON for a pipe or a file given with --out. A
// format given with -o is kept as it is.
func DefaultFormat(flag string, streams *IOStreams, outFile string) string {
	switch {
	case flag != "":
		return flag
	case streams.OutTTY && outFile == "":
		return "table"
	default:
		return "json"
	}
}

// WriteFile writes what render produces to path through OpenOutput:
// atomically, and never over the previous file when render fails.
func WriteFile(path string, streams *IOStreams, render func(io.Writer) error) (err error) {
	w, closeOut, err := OpenOutput(path, streams)
	if err != nil {
		return err
	}
	defer CloseOutput(&err, closeOut, "writing "+path)
	return render(w)
}
