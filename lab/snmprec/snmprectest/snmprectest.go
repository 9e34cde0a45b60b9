// Package snmprectest finds the project's shared recordings
// (../shared/testdata/snmprec beside the repository) for tests and
// benchmarks, which must not copy multi-megabyte files into the repository.
package snmprectest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/voxlan/voxlan/lab/labtest"
)

// Dir returns the shared snmprec directory, searching upwards from the
// working directory for shared/testdata/snmprec, or "" when there is none.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for range 8 {
		cand := filepath.Join(dir, "..", "shared", "testdata", "snmprec")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return filepath.Clean(cand)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}

// Path returns the path of a shared recording (name without .snmprec),
// skipping the test (failing it under CI=true) when it is not there.
func Path(t testing.TB, name string) string {
	t.Helper()
	dir := Dir()
	if dir == "" {
		labtest.Skip(t, "shared/testdata/snmprec not found beside the repository")
	}
	p := filepath.Join(dir, name+".snmprec")
	if _, err := os.Stat(p); err != nil {
		labtest.Skip(t, "shared recording %s missing: %v", name, err)
	}
	return p
}
