// Package drivertest holds the test labs the OS drivers' tests share: an
// emulated switch behind the in-process SSH server on loopback, the same
// behind a real OpenSSH sshd in network namespaces, and the voice changes
// the apply tests plan.
package drivertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	vssh "github.com/voxlan/voxlan/drivers/ssh"
	"github.com/voxlan/voxlan/lab/sshlab"
)

// Device is an emulated switch (lab/clisim) a lab serves.
type Device interface {
	sshlab.Device
	RunningConfig() string
}

// Lab is an emulated switch behind the in-process SSH server on loopback,
// reached through drivers/ssh with the driver's own scrapligo platform.
type Lab struct {
	Dev Device
	Srv *sshlab.Server
	// Opts dial the server as the lab's user, with its host key pinned.
	Opts     vssh.Options
	Password string
	// Backups is a directory for apply's backups, not yet made.
	Backups string
}

// NewLab serves dev over SSH on loopback to user with a random password
// and pins its host key in a fresh known_hosts file.
func NewLab(t testing.TB, dev Device, user string, attrs drivers.Attrs) *Lab {
	t.Helper()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	pw := "pw" + hex.EncodeToString(b)
	srv, err := sshlab.Listen("127.0.0.1:0", user, pw, dev)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	dir := t.TempDir()
	kh := filepath.Join(dir, "known_hosts")
	if err := vssh.CheckHostKey(context.Background(), srv.Addr(), kh, vssh.HostKeyPolicy{AcceptNew: true}, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	return &Lab{Dev: dev, Srv: srv, Password: pw, Backups: filepath.Join(dir, "backups"),
		Opts: vssh.Options{Addr: srv.Addr(), User: user, Password: pw, Attrs: attrs, KnownHosts: kh, Timeout: 5 * time.Second}}
}

// Dial opens a session to the lab (apply's Dialer).
func (l *Lab) Dial(ctx context.Context, timeout time.Duration) (drivers.Session, error) {
	o := l.Opts
	o.Timeout = timeout
	return vssh.Open(ctx, o)
}

// Voice is the LLDP-MED voice policy VoiceChanges asks for.
var Voice = audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}

// VoiceChanges makes ports phone ports on switch sw1: data VLAN 10, voice
// VLAN 20 (created, named VOICE) with the Voice policy, PoE on, LLDP on.
func VoiceChanges(ports ...string) []audit.Change {
	cs := []audit.Change{
		{Kind: audit.ChangeCreateVLAN, Switch: "sw1", VLAN: 20, Name: "VOICE", Voice: true},
		{Kind: audit.ChangeEnableLLDP, Switch: "sw1"},
	}
	for _, p := range ports {
		cs = append(cs,
			audit.Change{Kind: audit.ChangeSetPortMode, Switch: "sw1", Port: p, Mode: audit.PortModeHybrid},
			audit.Change{Kind: audit.ChangeSetDataVLAN, Switch: "sw1", Port: p, VLAN: 10},
			audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw1", Port: p, VLAN: 20},
			audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw1", Port: p, Policy: &Voice},
			audit.Change{Kind: audit.ChangeEnablePoE, Switch: "sw1", Port: p})
	}
	return cs
}
