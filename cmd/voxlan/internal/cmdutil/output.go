package cmdutil

import (
	"fmt"
	"io"
	"os"
)

// OpenOutput returns where a command writes its data: the file path names
// (created, or truncated), as --out asks, else the command's stdout. The
// returned close function closes that file (nothing for stdout); call it
// once the data is written and keep its error, since a failed close can lose
// what was written: CloseOutput does both.
func OpenOutput(path string, streams *IOStreams) (io.Writer, func() error, error) {
	if path == "" {
		return streams.Out, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// CloseOutput runs closeOut (from OpenOutput) and, when the command had no
// error of its own, makes the close error the command's, prefixed with the
// verb's name. Call it deferred, with the command's named error result:
//
//	defer cmdutil.CloseOutput(&err, closeOut, "discover")
func CloseOutput(err *error, closeOut func() error, verb string) {
	if cerr := closeOut(); cerr != nil && *err == nil {
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
