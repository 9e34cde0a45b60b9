package ssh

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xssh "golang.org/x/crypto/ssh"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/sshlab"
)

// testPassword is generated per run so no credential sits in the repo.
func testPassword(t *testing.T) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "pw-" + strings.ToLower(strings.TrimRight(xssh.FingerprintSHA256(fakeKey{b})[7:19], "="))
}

type fakeKey struct{ b []byte }

func (k fakeKey) Type() string                         { return "x" }
func (k fakeKey) Marshal() []byte                      { return k.b }
func (k fakeKey) Verify([]byte, *xssh.Signature) error { return nil }

func startIOS(t *testing.T) (*clisim.IOS, *sshlab.Server, Options) {
	t.Helper()
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	pw := testPassword(t)
	srv, err := sshlab.Listen("127.0.0.1:0", "admin", pw, dev)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := CheckHostKey(t.Context(), srv.Addr(), kh, HostKeyPolicy{AcceptNew: true}, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	return dev, srv, Options{Addr: srv.Addr(), User: "admin", Password: pw, Attrs: cisco_ios.Driver{}.Attrs(),
		KnownHosts: kh, Timeout: 5 * time.Second}
}

func TestSessionConfigureBatched(t *testing.T) {
	dev, srv, o := startIOS(t)
	s, err := Open(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, err := s.Command(t.Context(), "show vlan brief")
	if err != nil || !strings.Contains(out, "VLAN Name") {
		t.Fatalf("show vlan brief: %q %v", out, err)
	}
	lines := []string{"vlan 20", "name VOICE", "exit", "interface GigabitEthernet1/0/1", "switchport voice vlan 20",
		"switchport voice vlan 5000", "power inline never", "exit"}
	before := s.RoundTrips()
	res, err := s.Configure(t.Context(), lines[:5], 5)
	if err != nil || len(res) != 5 {
		t.Fatalf("configure: %+v %v", res, err)
	}
	if got := s.RoundTrips() - before; got != 3 {
		t.Errorf("5 lines in one batch took %d round trips, want 3 (configure terminal's echo and prompt, the batch)", got)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Errorf("line %q rejected: %s", r.Line, r.Error)
		}
	}
	if p, _ := dev.Port("Gi1/0/1"); p.VoiceVLAN != 20 {
		t.Errorf("voice vlan not applied: %+v", p)
	}
	// A rejected line stops after its batch; the reply names the error.
	res, err = s.Configure(t.Context(), lines[5:], 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || !strings.Contains(res[0].Error, "% Invalid input detected") {
		t.Fatalf("got %+v, want one rejected line", res)
	}
	if p, _ := dev.Port("Gi1/0/1"); p.PoENever {
		t.Error("a line after the rejected one was sent")
	}
	if _, err := s.Command(t.Context(), "show running-config"); err != nil {
		t.Fatal(err)
	}
	if srv.Sessions() != 1 { // the host key check stops before authentication
		t.Errorf("got %d SSH sessions, want 1", srv.Sessions())
	}
}

func TestSessionAuthErrorHidesPassword(t *testing.T) {
	_, _, o := startIOS(t)
	o.Password = "wrong-" + o.Password
	_, err := Open(t.Context(), o)
	if !errors.Is(err, drivers.ErrAuth) {
		t.Fatalf("got %v, want ErrAuth", err)
	}
	if strings.Contains(err.Error(), o.Password) {
		t.Errorf("error shows the password: %v", err)
	}
}

func TestHostKeyPolicy(t *testing.T) {
	dev := clisim.NewIOS("SW1", 10, "198.18.1.2")
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := xssh.NewSignerFromKey(priv)
	srv, err := sshlab.ListenWithKey("127.0.0.1:0", "admin", "x", dev, signer)
	if err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr()
	kh := filepath.Join(t.TempDir(), "known_hosts")
	ctx := t.Context()
	if err := CheckHostKey(ctx, addr, kh, HostKeyPolicy{}, 5*time.Second); !errors.Is(err, drivers.ErrHostKey) {
		t.Fatalf("unknown key, no policy: got %v, want ErrHostKey", err)
	}
	asked := ""
	err = CheckHostKey(ctx, addr, kh, HostKeyPolicy{Ask: func(a, fp string) bool { asked = fp; return true }}, 5*time.Second)
	if err != nil || asked != xssh.FingerprintSHA256(signer.PublicKey()) || !KnownHostsHas(kh, addr) {
		t.Fatalf("ask: err %v, asked %q", err, asked)
	}
	if st, _ := os.Stat(kh); st.Mode().Perm() != 0o600 {
		t.Errorf("known_hosts mode %v, want 0600", st.Mode().Perm())
	}
	if err := CheckHostKey(ctx, addr, kh, HostKeyPolicy{}, 5*time.Second); err != nil {
		t.Fatalf("known key: %v", err)
	}
	// Same address, new key: refused even with AcceptNew.
	srv.Close()
	_, priv2, _ := ed25519.GenerateKey(rand.Reader)
	signer2, _ := xssh.NewSignerFromKey(priv2)
	srv2, err := sshlab.ListenWithKey(addr, "admin", "x", dev, signer2)
	if err != nil {
		// The changed-key refusal is the point of this test: in CI it
		// must run, not be skipped.
		labtest.Skip(t, "could not listen again on %s for the changed key: %v", addr, err)
	}
	defer srv2.Close()
	err = CheckHostKey(ctx, addr, kh, HostKeyPolicy{AcceptNew: true}, 5*time.Second)
	if !errors.Is(err, drivers.ErrHostKey) || !strings.Contains(err.Error(), "CHANGED") {
		t.Fatalf("changed key: got %v, want a refusal", err)
	}
}

// TestReplay records a session against the emulator and replays the
// recording through scrapligo's file transport: same commands, same
// parsed results, no network.
func TestReplay(t *testing.T) {
	_, _, o := startIOS(t)
	var log bytes.Buffer
	o.ChannelLog = &log
	s, err := Open(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	live, err := s.Command(t.Context(), "show interfaces Gi1/0/2 switchport")
	if err != nil {
		t.Fatal(err)
	}
	liveRes, err := s.Configure(t.Context(), []string{"interface Gi1/0/2", "switchport voice vlan 30", "switchport voice vlan 9999"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	rec := filepath.Join(t.TempDir(), "session.txt")
	if err := os.WriteFile(rec, log.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	r, err := Open(ctx, Options{Addr: "replay:22", User: "admin", Attrs: o.Attrs, ReplayFile: rec, Timeout: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	replayed, err := r.Command(ctx, "show interfaces Gi1/0/2 switchport")
	t.Logf("replayed %d bytes in %v", len(replayed), time.Since(start))
	if err != nil || replayed != live {
		t.Fatalf("replayed output differs (%v)", err)
	}
	res, err := r.Configure(ctx, []string{"interface Gi1/0/2", "switchport voice vlan 30", "switchport voice vlan 9999"}, 3)
	if err != nil || len(res) != 3 || res[2].Error == "" || res[1].Error != "" || res[2].Error != liveRes[2].Error {
		t.Fatalf("replayed configure: %+v %v", res, err)
	}
}

// TestEnableSecret: a privilege-1 account lands in user EXEC; the session
// answers `enable`'s password prompt with the enable secret, which the
// switch does not echo, so it is not in the channel log.
func TestEnableSecret(t *testing.T) {
	dev, _, o := startIOS(t)
	secret := "en-" + testPassword(t)
	dev.EnableSecret = secret
	var log bytes.Buffer
	o.Enable, o.ChannelLog = secret, &log
	s, err := Open(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Configure(t.Context(), []string{"interface Gi1/0/9", "switchport voice vlan 20"}, 2); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if p, _ := dev.Port("Gi1/0/9"); p.VoiceVLAN != 20 {
		t.Error("not configured after enable")
	}
	if !strings.Contains(log.String(), "SW1>") || !strings.Contains(log.String(), "Password:") || strings.Contains(log.String(), secret) {
		t.Errorf("channel log: want the > prompt and the password prompt, never the secret:\n%s", log.String())
	}
	o.Enable, o.ChannelLog = "wrong", nil
	_, err = Open(t.Context(), o)
	if !errors.Is(err, drivers.ErrAuth) || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong enable secret: %v", err)
	}
}

// TestClassifyTimeoutSaysWhatToDo: a timeout keeps its sentinel and tells
// the user what to check or change.
func TestClassifyTimeoutSaysWhatToDo(t *testing.T) {
	err := classify("198.18.0.2:22", "connect as admin", context.DeadlineExceeded)
	if !errors.Is(err, drivers.ErrTimeout) || !strings.Contains(err.Error(), "--timeout") {
		t.Errorf("got %v, want ErrTimeout naming --timeout", err)
	}
}
