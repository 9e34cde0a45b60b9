package ssh

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/sshlab"
)

// TestTwoHostKeysKnownHostsHoldsOne: the switch offers an ed25519 and an
// ECDSA host key; known_hosts holds its ed25519 line, as OpenSSH writes it.
// OpenSSH connects because it asks for the known type; so must voxlan,
// instead of crying that the key changed.
func TestTwoHostKeysKnownHostsHoldsOne(t *testing.T) {
	_, edPriv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecPriv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edSigner, _ := xssh.NewSignerFromKey(edPriv)
	ecSigner, _ := xssh.NewSignerFromKey(ecPriv)
	pw := testPassword(t)
	srv, err := sshlab.ListenWithKey("127.0.0.1:0", "admin", pw, clisim.NewIOS("SW1", 10, "198.18.1.2"), ecSigner, edSigner)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	kh := filepath.Join(t.TempDir(), "known_hosts")
	line := knownhosts.Line([]string{knownhosts.Normalize(srv.Addr())}, edSigner.PublicKey())
	if err := os.WriteFile(kh, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := KnownHostKeyAlgorithms(kh, srv.Addr()); len(got) != 1 || got[0] != xssh.KeyAlgoED25519 {
		t.Fatalf("algorithms %v, want [%s]", got, xssh.KeyAlgoED25519)
	}
	if err := CheckHostKey(t.Context(), srv.Addr(), kh, HostKeyPolicy{}, 5*time.Second); err != nil {
		t.Fatalf("CheckHostKey: %v", err)
	}
	s, err := Open(t.Context(), Options{Addr: srv.Addr(), User: "admin", Password: pw, Attrs: cisco_ios.Driver{}.Attrs(), KnownHosts: kh, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if _, err := s.Command(t.Context(), "show version"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(kh); string(b) != line+"\n" {
		t.Errorf("known_hosts rewritten:\n%s", b)
	}
	// A key of the known type that is not the known one is still refused.
	other, _, _ := ed25519.GenerateKey(rand.Reader)
	otherKey, _ := xssh.NewPublicKey(other)
	if err := os.WriteFile(kh, []byte(knownhosts.Line([]string{knownhosts.Normalize(srv.Addr())}, otherKey)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := CheckHostKey(t.Context(), srv.Addr(), kh, HostKeyPolicy{AcceptNew: true}, 5*time.Second); err == nil {
		t.Fatal("a changed ed25519 key was accepted")
	}
}
