// Package plantest starts an emulated Cisco IOS switch over SSH with an
// audit result asking for voice on some of its ports, for the plan and
// apply verbs' tests.
package plantest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/sshlab"
)

// Environment variables the verbs read credentials from (plan.EnvUser and
// plan.EnvPassword; repeated to avoid an import cycle).
const (
	EnvUser     = "VOXLAN_SSH_USER"
	EnvPassword = "VOXLAN_SSH_PASSWORD"
)

// Device is an emulated switch a Lab serves.
type Device interface {
	sshlab.Device
	RunningConfig() string
}

// Lab is an emulated switch over SSH plus an audit result asking for
// voice on some of its ports; exported for the apply verb's tests.
type Lab struct {
	// Dev is the IOS switch of NewLab (nil for NewLabWith's); Switch is
	// the switch served, whatever its OS.
	Dev       *clisim.IOS
	Switch    Device
	Srv       *sshlab.Server
	AuditFile string
	Password  string
	Env       map[string]string
	Port      int
}

// NewLab starts an IOS switch and writes the audit (ports are Gi names).
func NewLab(t *testing.T, ports ...string) *Lab {
	t.Helper()
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	l := NewLabWith(t, dev, ports...)
	l.Dev = dev
	return l
}

// NewLabWith serves dev and writes the audit asking for voice on ports
// (named as dev's OS names them).
func NewLabWith(t *testing.T, dev Device, ports ...string) *Lab {
	t.Helper()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	pw := "pw" + hex.EncodeToString(b)
	srv, err := sshlab.Listen("127.0.0.1:0", "admin", pw, dev)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	_, portStr, _ := net.SplitHostPort(srv.Addr())
	port, _ := strconv.Atoi(portStr)
	pol := &audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}
	fix := []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: "127.0.0.1", VLAN: 20, Name: "VOICE", Voice: true},
		{Kind: audit.ChangeEnableLLDP, Switch: "127.0.0.1"}}
	for _, p := range ports {
		fix = append(fix,
			audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: "127.0.0.1", Port: p, VLAN: 20},
			audit.Change{Kind: audit.ChangeEnableMEDPolicy, Switch: "127.0.0.1", Port: p, Policy: pol})
	}
	res := &audit.Result{Site: "lab", Findings: []audit.Finding{{ID: "L8/voice/127.0.0.1", Requirement: audit.ReqL8,
		Check: "voice", Status: audit.StatusFail, Switch: "127.0.0.1", Fix: fix}}}
	var buf bytes.Buffer
	if err := audit.Encode(&buf, res); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	af := filepath.Join(dir, "audit.json")
	if err := os.WriteFile(af, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return &Lab{Switch: dev, Srv: srv, AuditFile: af, Password: pw, Port: port,
		Env: map[string]string{EnvUser: "admin", EnvPassword: pw, "HOME": dir, "XDG_STATE_HOME": filepath.Join(dir, "state")}}
}
