package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/voxlan/voxlan"

// supportPackages are the packages directly under cmd/voxlan/internal that
// are no verb: the root command, the helpers every verb shares, and the
// manual page generator. Every other package there is a verb.
var supportPackages = []string{"cli", "cmdutil", "mangen", "sites", "snaptable", "tuiwire"}

// goPackage is what `go list -json` says of a package, as far as the
// layering rules need: what its non-test files import, directly and in all.
type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// TestLayers holds the module to its layering rules (PROTOCOL's charter),
// from the package graph the go command builds (non-test files only: a
// test may use anything):
//   - only the demo verb links the simulators (lab/...), and no production
//     package imports a test helper (a package named ...test); the
//     simulators, the helpers and the speed benchmarks (bench/) may;
//   - verb packages under cmd/voxlan/internal never import one another;
//   - drivers never reach tui, report or cmd;
//   - snapshot imports nothing of ours, and audit only snapshot, profile
//     and sizing.
func TestLayers(t *testing.T) {
	pkgs := listPackages(t)
	ours := func(p string) bool { return p == module || strings.HasPrefix(p, module+"/") }
	rel := func(p string) string { return strings.TrimPrefix(strings.TrimPrefix(p, module), "/") }
	isLab := func(p string) bool { r := rel(p); return ours(p) && (r == "lab" || strings.HasPrefix(r, "lab/")) }
	isHelper := func(p string) bool { return ours(p) && strings.HasSuffix(path.Base(p), "test") }
	// The simulators themselves and the speed benchmarks (bench/, run
	// against them) are test infrastructure too.
	isTooling := func(p string) bool {
		r := rel(p)
		return isLab(p) || isHelper(p) || r == "bench" || strings.HasPrefix(r, "bench/")
	}
	const verbs = "cmd/voxlan/internal/"
	isVerb := func(p string) bool {
		r := rel(p)
		name, ok := strings.CutPrefix(r, verbs)
		return ours(p) && ok && !strings.Contains(name, "/") && !slices.Contains(supportPackages, name)
	}
	demo := module + "/" + verbs + "demo"

	var sawVerb, sawDemo bool
	for _, p := range pkgs {
		r := rel(p.ImportPath)
		sawVerb = sawVerb || isVerb(p.ImportPath)
		sawDemo = sawDemo || p.ImportPath == demo
		for _, imp := range p.Imports {
			switch {
			case !ours(imp):
			case isHelper(imp) && !isTooling(p.ImportPath):
				t.Errorf("%s imports the test helper %s: only tests may", r, rel(imp))
			case isLab(imp) && !isTooling(p.ImportPath) && p.ImportPath != demo:
				t.Errorf("%s imports %s: only the demo verb and tests may link the simulators", r, rel(imp))
			case isVerb(p.ImportPath) && isVerb(imp):
				t.Errorf("the verb %s imports the verb %s: verbs share code through cmdutil, sites, snaptable and tuiwire", r, rel(imp))
			}
		}
		if isVerb(p.ImportPath) && p.ImportPath != demo {
			for _, d := range p.Deps {
				if isLab(d) {
					t.Errorf("the verb %s links %s (through its imports): only demo may", r, rel(d))
				}
			}
		}
		if r == "drivers" || strings.HasPrefix(r, "drivers/") && !isHelper(p.ImportPath) {
			for _, d := range p.Deps {
				if dr := rel(d); ours(d) && (dr == "tui" || dr == "report" || strings.HasPrefix(dr, "tui/") || strings.HasPrefix(dr, "report/") || strings.HasPrefix(dr, "cmd/")) {
					t.Errorf("%s reaches %s: drivers never reach tui, report or cmd", r, dr)
				}
			}
		}
		allowed, layered := map[string][]string{"snapshot": {}, "audit": {"snapshot", "profile", "sizing"}}[r]
		if layered {
			for _, imp := range p.Imports {
				if ours(imp) && !slices.Contains(allowed, rel(imp)) {
					t.Errorf("%s imports %s; it may import only %q of ours", r, rel(imp), allowed)
				}
			}
		}
	}
	if !sawVerb || !sawDemo {
		t.Fatalf("go list found no verb package under %s (or no demo): the test would check nothing", verbs)
	}
}

// listPackages runs `go list -json` on the whole module.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []goPackage
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 50 {
		t.Fatalf("go list found %d packages; the module has more", len(pkgs))
	}
	return pkgs
}
