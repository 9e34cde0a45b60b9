package site_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snmp"
)

// TestSSHAgreesWithSNMP starts the site with its CLI emulators and reads
// each one's running configuration over SSH (host key checked against the
// site's known_hosts, password from memory), parsed by the platform's
// driver: hostname and every port's untagged VLAN are what SNMP reads from
// the same recording. The site's inventory names every switch, holds no
// secret, and its references resolve.
func TestSSHAgreesWithSNMP(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := site.Start(ctx, site.Options{SSH: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hosts := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(hosts, s.KnownHosts(), 0o600); err != nil {
		t.Fatal(err)
	}
	check, err := knownhosts.New(hosts)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := all.New()
	if err != nil {
		t.Fatal(err)
	}
	doc := s.Inventory("demo")
	inv, err := inventory.Parse("demo.yaml", doc)
	if err != nil {
		t.Fatalf("the site's inventory does not parse: %v\n%s", err, doc)
	}
	if s.Getenv(site.EnvCommunity) != s.Community() {
		t.Errorf("the community reference does not resolve")
	}
	withSSH := 0
	for i, sw := range s.Switches() {
		if got := inv.Sites[0].Switches[i]; got.Host != sw.Address || got.Name != sw.Name {
			t.Errorf("inventory switch %d is %s %s, want %s %s", i, got.Name, got.Host, sw.Name, sw.Address)
		}
		if sw.SSH == nil {
			if sw.NoSSH == "" || !strings.Contains(sw.NoSSH, sw.Platform) {
				t.Errorf("%s has no SSH and no reason naming its platform: %q", sw.Name, sw.NoSSH)
			}
			continue
		}
		withSSH++
		if strings.Contains(string(doc), sw.SSH.Password()) {
			t.Fatalf("the inventory holds %s's password", sw.Name)
		}
		ref := inv.Sites[0].SSHOf(&inv.Sites[0].Switches[i]).Password
		if ref == nil || s.Getenv(ref.Env) != sw.SSH.Password() {
			t.Errorf("%s: the password reference %v does not resolve to its password", sw.Name, ref)
		}
		seen := snmp.DiscoverSwitch(ctx, snmp.Target{Address: sw.Address, Credentials: &snmp.Credentials{Version: "2c", Community: s.Community()}}, snmp.Options{})
		c, err := ssh.Dial("tcp", sw.SSH.Address, &ssh.ClientConfig{User: sw.SSH.User, Auth: []ssh.AuthMethod{ssh.Password(sw.SSH.Password())},
			HostKeyCallback: check, Timeout: 5 * time.Second})
		if err != nil {
			t.Fatalf("%s: %v", sw.Name, err)
		}
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		out, err := sess.Output("show running-config")
		c.Close()
		if err != nil {
			t.Fatalf("%s: show running-config: %v", sw.Name, err)
		}
		d, err := reg.Lookup(sw.Platform)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := d.ParseConfig(string(out))
		if err != nil {
			t.Fatalf("%s: %v", sw.Name, err)
		}
		if cfg.Hostname != sw.Name {
			t.Errorf("%s: CLI hostname %q", sw.Name, cfg.Hostname)
		}
		compared := 0
		for _, p := range seen.Ports {
			cp := cfg.Ports[p.Name]
			if cp == nil || p.Mode == "trunk" {
				continue
			}
			compared++
			if want, got := max(p.PVID, 1), max(cp.DataVLAN, 1); want != got {
				t.Errorf("%s %s: CLI untagged VLAN %d, SNMP %d", sw.Name, p.Name, got, want)
			}
		}
		t.Logf("%s (%s): %d ports agree over SNMP and SSH", sw.Name, sw.Platform, compared)
		if compared < 40 {
			t.Errorf("%s: only %d ports in both views, want the switch's access ports (40+)", sw.Name, compared)
		}
	}
	if withSSH < 2 {
		t.Errorf("%d switches with SSH, want at least the two Cisco IOS ones", withSSH)
	}
}
