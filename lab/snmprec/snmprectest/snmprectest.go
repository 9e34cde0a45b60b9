// Package snmprectest finds the real recordings kept in the repository's
// testdata/snmprec (see testdata/README.md) for tests and benchmarks in any
// package, whatever their depth in the tree.
package snmprectest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the repository's testdata/snmprec directory, found by
// walking up from the working directory (a package directory under
// `go test`) to the module root, or "" when it is not found.
func Dir() string {
	root := RepoRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(root, "testdata", "snmprec")
}

// LibreNMSDir returns testdata/librenms-expected, LibreNMS's own results
// for the same recordings, or "" when the module root is not found.
func LibreNMSDir() string {
	root := RepoRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(root, "testdata", "librenms-expected")
}

// RepoRoot returns the directory holding go.mod above the working
// directory, or "" when there is none.
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of a recording (name without .snmprec). The
// recordings are part of the repository, so a missing one fails the test.
func Path(t testing.TB, name string) string {
	t.Helper()
	dir := Dir()
	if dir == "" {
		t.Fatalf("snmprectest: module root not found above the working directory")
	}
	p := filepath.Join(dir, name+".snmprec")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("snmprectest: recording %s: %v (testdata/README.md lists them)", name, err)
	}
	return p
}
