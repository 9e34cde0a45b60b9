// Package readcap reads a file or a stream whole, up to a limit, so that no
// input (a huge file, /dev/zero, an endless pipe) can exhaust memory.
package readcap

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrTooLarge is wrapped by the error of an input over its limit.
var ErrTooLarge = errors.New("input too large")

// ReadAll reads r to its end, failing once it gives more than max bytes.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %s", ErrTooLarge, Size(max))
	}
	return data, nil
}

// ReadFile reads the file at path, failing once it holds more than max
// bytes (it stops reading there: a device such as /dev/zero never ends).
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, max)
}

// Size prints a byte count for people ("16 MiB").
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
