package snmprectest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// trackedFiles lists the repository's files: git's list when the tree is a
// checkout, else every file below the root (an exported tarball).
func trackedFiles(t *testing.T, root string) []string {
	t.Helper()
	if out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		return strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRepositoryStandsAlone fails when a file of the repository points
// outside it: to a sibling "shared" folder or to an absolute path of the
// machine it was written on. Tests, docs and comments must name only what a
// clean clone holds.
func TestRepositoryStandsAlone(t *testing.T) {
	root := RepoRoot()
	if root == "" {
		t.Fatal("module root not found")
	}
	// Built from parts so that this file does not match itself.
	forbidden := []string{".." + "/shared", "/work" + "/shared", "/work" + "/main"}
	var bad []string
	for _, rel := range trackedFiles(t, root) {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			continue // deleted in the working tree, or unreadable: not ours to judge
		}
		for _, f := range forbidden {
			if i := strings.Index(string(b), f); i >= 0 {
				line := 1 + strings.Count(string(b[:i]), "\n")
				bad = append(bad, rel+":"+strconv.Itoa(line)+": "+f)
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("files refer to places outside the repository (copy the data into a testdata/ with its source, or reword):\n%s", strings.Join(bad, "\n"))
	}
}

// checksumRow matches a row of testdata/README.md's file table:
// | `snmprec/x.snmprec` | bytes | lines | `sha256` | ...
var checksumRow = regexp.MustCompile("^\\| `([^`]+)` \\| (\\d+) \\| \\d+ \\| `([0-9a-f]{64})` \\|")

// TestTestdataChecksums holds every recording and expected result in
// testdata/ to the size and sha256 its README lists (the upstream bytes),
// and every file there to a row of that table.
func TestTestdataChecksums(t *testing.T) {
	root := RepoRoot()
	if root == "" {
		t.Fatal("module root not found")
	}
	readme, err := os.Open(filepath.Join(root, "testdata", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer readme.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(readme)
	for sc.Scan() {
		m := checksumRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		name, size, want := m[1], m[2], m[3]
		listed[name] = true
		b, err := os.ReadFile(filepath.Join(root, "testdata", filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: listed in testdata/README.md but not readable: %v", name, err)
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sha256 %s, README lists %s (the file must stay byte-exact)", name, got, want)
		}
		if strconv.Itoa(len(b)) != size {
			t.Errorf("%s: %d bytes, README lists %s", name, len(b), size)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"snmprec", "librenms-expected"} {
		entries, err := os.ReadDir(filepath.Join(root, "testdata", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !listed[dir+"/"+e.Name()] {
				t.Errorf("testdata/%s/%s has no row (source, sha256) in testdata/README.md", dir, e.Name())
			}
		}
	}
	if len(listed) < 20 {
		t.Errorf("testdata/README.md lists %d files, want every recording and expected result", len(listed))
	}
}
