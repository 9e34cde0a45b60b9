//go:build linux

package drivertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/sshlab"
)

// OpenSSH is an emulator behind a real OpenSSH sshd in a network namespace:
// ForceCommand is lab/clisim/cmd/clisim, one process per session sharing
// the state file.
type OpenSSH struct {
	SSHD *sshlab.SSHD
	// State is the device's state file, owned by the session user.
	State string
	// Log is where the emulator appends its errors.
	Log string
	// Addr reaches sshd from this process; KnownHosts pins its key.
	Addr       string
	KnownHosts string
}

// StartOpenSSH saves dev to a state file and serves it with OpenSSH in a
// namespace named after nsPrefix, on 198.18.subnet.1:2222, running the
// emulator with emulatorArgs (e.g. "-os", "sb"). It skips without root or
// the tools.
func StartOpenSSH(t *testing.T, dev interface{ SaveState(string) error }, nsPrefix string, subnet int, emulatorArgs ...string) *OpenSSH {
	t.Helper()
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "sshd", "ssh-keygen", "useradd", "userdel", "chpasswd", "go")
	sd := sshlab.PrepareSSHD(t) // first, so the user is removed after the namespaces
	bin := filepath.Join(sd.Dir, "clisim")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/voxlan/voxlan/lab/clisim/cmd/clisim").CombinedOutput(); err != nil {
		t.Fatalf("building the emulator: %v\n%s", err, out)
	}
	o := &OpenSSH{SSHD: sd, State: filepath.Join(sd.Dir, "state.json"), Log: filepath.Join(sd.Dir, "clisim.log"),
		KnownHosts: filepath.Join(t.TempDir(), "known_hosts")}
	if err := dev.SaveState(o.State); err != nil {
		t.Fatal(err)
	}
	o.ChownState(t)
	sw := netns.ForTest(t, nsPrefix)
	laptop := netns.ForTest(t, "vxlap")
	swIf, lapIf := netns.UniqueName("sw"), netns.UniqueName("lp")
	if err := netns.Veth(sw, swIf, laptop, lapIf); err != nil {
		t.Fatal(err)
	}
	if err := sw.AddAddr(swIf, fmt.Sprintf("198.18.%d.1/24", subnet)); err != nil {
		t.Fatal(err)
	}
	if err := laptop.AddAddr(lapIf, fmt.Sprintf("198.18.%d.2/24", subnet)); err != nil {
		t.Fatal(err)
	}
	listen := fmt.Sprintf("198.18.%d.1:2222", subnet)
	cmd := bin
	for _, a := range append(emulatorArgs, "-state", o.State, "-log", o.Log) {
		cmd += " " + a
	}
	sd.StartSSHD(t, sw, laptop, listen, cmd)
	o.Addr = sshlab.Forward(t, laptop, listen)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	if err := vssh.CheckHostKey(ctx, o.Addr, o.KnownHosts, vssh.HostKeyPolicy{AcceptNew: true}, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	return o
}

// ChownState gives the state file (back) to the session user: a state
// file root rewrote may be root's.
func (o *OpenSSH) ChownState(t testing.TB) {
	t.Helper()
	if err := os.Chown(o.State, o.SSHD.UID, -1); err != nil {
		t.Fatal(err)
	}
}

// Dialer opens sessions to the emulator as the sshd user (apply's Dialer).
func (o *OpenSSH) Dialer(attrs drivers.Attrs) func(context.Context, time.Duration) (drivers.Session, error) {
	return func(ctx context.Context, timeout time.Duration) (drivers.Session, error) {
		return vssh.Open(ctx, vssh.Options{Addr: o.Addr, User: o.SSHD.User, Password: o.SSHD.Password, Attrs: attrs,
			KnownHosts: o.KnownHosts, Timeout: timeout})
	}
}
