// Package labtest gates tests that need real peers (snmpsim, lldpd, dnsmasq,
// sshd, network namespaces). Run without what they need, they skip and say
// why; under CI=true a missing peer is a failure, never a skip.
package labtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// InCI reports whether the tests run in CI, where no lab test may skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Skip skips the test with reason, or fails it under CI=true.
func Skip(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("lab test cannot run under CI=true: "+format, args...)
	}
	t.Skipf("lab test skipped: "+format, args...)
}

// RequireTools checks that each program is on PATH (or is an absolute path
// that exists), as installed by scripts/install-test-deps.sh.
func RequireTools(t testing.TB, tools ...string) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		Skip(t, "missing %s; run ./scripts/install-test-deps.sh (make test does)", strings.Join(missing, ", "))
	}
}

// RequireRoot checks that the test runs as root, needed for network
// namespaces, raw sockets and starting daemons that drop privileges.
func RequireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		Skip(t, "needs root (network namespaces, raw sockets); run make test as root")
	}
}
