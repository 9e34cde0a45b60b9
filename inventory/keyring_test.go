package inventory

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
)

// TestOSKeyringAgainstGnomeKeyring reads a secret through the real Secret
// Service: a private D-Bus session bus, gnome-keyring-daemon on it, the
// secret stored with secret-tool the way the docs tell users to.
func TestOSKeyringAgainstGnomeKeyring(t *testing.T) {
	labtest.RequireTools(t, "dbus-daemon", "gnome-keyring-daemon", "secret-tool")
	dir := t.TempDir()
	home, run := filepath.Join(dir, "home"), filepath.Join(dir, "run")
	for _, d := range []string{home, run} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env := append(os.Environ(), "HOME="+home, "XDG_RUNTIME_DIR="+run, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))

	bus := exec.CommandContext(ctx, "dbus-daemon", "--session", "--nofork", "--print-address=1", "--address=unix:path="+filepath.Join(run, "bus"))
	bus.Env = env
	busOut, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bus.Process.Kill(); bus.Wait() })
	line, err := bufio.NewReader(busOut).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon gave no address: %v", err)
	}
	addr := strings.TrimSpace(line)
	env = append(env, "DBUS_SESSION_BUS_ADDRESS="+addr)

	// --unlock reads the login keyring's password on stdin and creates it.
	daemon := exec.CommandContext(ctx, "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	daemon.Env = env
	daemon.Stdin = strings.NewReader("voxlan-test-keyring")
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { daemon.Process.Kill(); daemon.Wait() })

	const secret = "c0mmunity-from-keyring"
	var storeErr error
	for range 50 { // the daemon claims the bus name shortly after start
		store := exec.CommandContext(ctx, "secret-tool", "store", "--label=voxlan", "service", KeyringService, "username", "hq-switches")
		store.Env = env
		store.Stdin = strings.NewReader(secret)
		out, err := store.CombinedOutput()
		if err == nil {
			storeErr = nil
			break
		}
		storeErr = fmt.Errorf("%v: %s", err, out)
		time.Sleep(100 * time.Millisecond)
	}
	if storeErr != nil {
		t.Fatalf("secret-tool store: %v", storeErr)
	}

	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	r := &Resolver{Keyring: OSKeyring{}}
	got, err := r.Resolve(ctx, &SecretRef{Keyring: "hq-switches"}, "snmp community of hq/sw1")
	if err != nil || got != secret {
		t.Fatalf("got %q, %v", got, err)
	}
	_, err = r.Resolve(ctx, &SecretRef{Keyring: "nobody"}, "snmp community of hq/sw1")
	if err == nil || !strings.Contains(err.Error(), `the OS keyring has no such entry under service "voxlan"; store it with: secret-tool store`) {
		t.Errorf("missing entry: got %v", err)
	}
}
