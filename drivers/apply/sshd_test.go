package apply

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/sshlab"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the IOS
// emulator behind a real OpenSSH sshd in a network namespace (ForceCommand =
// lab/clisim/cmd/clisim, one process per session sharing a state file):
// a dropped session, then a rejected line, then a clean apply with save.
func TestApplyOverOpenSSH(t *testing.T) {
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "sshd", "ssh-keygen", "useradd", "userdel", "chpasswd", "go")
	sd := sshlab.PrepareSSHD(t) // first, so the user is removed after the namespaces
	bin := filepath.Join(sd.Dir, "clisim")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/voxlan/voxlan/lab/clisim/cmd/clisim").CombinedOutput(); err != nil {
		t.Fatalf("building the emulator: %v\n%s", err, out)
	}
	state := filepath.Join(sd.Dir, "state.json")
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	dev.AddPhone("Gi1/0/1")
	dev.Faults.DropAfterConfigLines = 9
	if err := dev.SaveState(state); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(state, sd.UID, -1); err != nil {
		t.Fatal(err)
	}
	sw := netns.ForTest(t, "vxsw")
	laptop := netns.ForTest(t, "vxlap")
	if err := netns.Veth(sw, "swp1", laptop, "eth0"); err != nil {
		t.Fatal(err)
	}
	if err := sw.AddAddr("swp1", "198.18.44.1/24"); err != nil {
		t.Fatal(err)
	}
	if err := laptop.AddAddr("eth0", "198.18.44.2/24"); err != nil {
		t.Fatal(err)
	}
	sd.StartSSHD(t, sw, laptop, "198.18.44.1:2222", bin+" -state "+state+" -log "+filepath.Join(sd.Dir, "clisim.log"))
	addr := sshlab.Forward(t, laptop, "198.18.44.1:2222")

	kh := filepath.Join(t.TempDir(), "known_hosts")
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	if err := vssh.CheckHostKey(ctx, addr, kh, vssh.HostKeyPolicy{AcceptNew: true}, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	dial := func(ctx context.Context, timeout time.Duration) (drivers.Session, error) {
		return vssh.Open(ctx, vssh.Options{Addr: addr, User: sd.User, Password: sd.Password, Attrs: cisco_ios.Driver{}.Attrs(),
			KnownHosts: kh, Timeout: timeout})
	}
	current := func() string {
		d, err := clisim.LoadIOS(state)
		if err != nil {
			t.Fatal(err)
		}
		return d.RunningConfig()
	}
	apply := func(o Options) *Report {
		t.Helper()
		sess, err := dial(ctx, 10*time.Second)
		if err != nil {
			log, _ := os.ReadFile(filepath.Join(sd.Dir, "clisim.log"))
			t.Fatalf("%v\nemulator log: %s", err, log)
		}
		p, err := Plan(ctx, sess, cisco_ios.Driver{}, "sw1", voiceChanges("Gi1/0/1", "Gi1/0/2", "Gi1/0/3"), Guard{})
		if err != nil {
			t.Fatal(err)
		}
		o.BackupDir = filepath.Join(t.TempDir(), "backups")
		r, err := Apply(ctx, sess, dial, p, o)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	before := current()
	r := apply(Options{Batch: 4})
	if r.Outcome != OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
		t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
	}
	if got := current(); got != before {
		t.Fatalf("after the dropped session the switch is not back to its backup:\n%s", lineDiff(before, got))
	}

	d, _ := clisim.LoadIOS(state)
	d.Faults.Reject = "network-policy 1"
	if err := d.SaveState(state); err != nil {
		t.Fatal(err)
	}
	r = apply(Options{})
	if r.Outcome != OutcomeRolledBack || !strings.Contains(r.Failure, `rejected "network-policy 1"`) {
		t.Errorf("rejected line: outcome %q, failure %q", r.Outcome, r.Failure)
	}
	if got := current(); got != before {
		t.Fatalf("after the rejected line the switch is not back to its backup:\n%s", lineDiff(before, got))
	}

	r = apply(Options{Save: true})
	if r.Outcome != OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != PortAsPlanned {
		t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
	}
	if d, _ := clisim.LoadIOS(state); d.StartupConfig() != d.RunningConfig() {
		t.Error("not saved")
	}
}
