//go:build linux

package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lab/dhcplab"
	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/lldplab"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
)

// childEnv makes this test binary run `voxlan probe ARGS` instead of the
// tests: the lab tests re-execute it inside the laptop's namespace, so every
// socket the verb opens lives there.
const childEnv = "VOXLAN_PROBE_CMD_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		f := &cmdutil.Factory{IO: &cmdutil.IOStreams{Out: os.Stdout, ErrOut: os.Stderr, ErrTTY: true}, Now: time.Now}
		cmd := NewCmdProbe(f, nil)
		cmd.SetArgs(strings.Fields(args))
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		err := cmd.ExecuteContext(context.Background())
		if err == nil {
			os.Exit(cmdutil.ExitOK)
		}
		var ee *cmdutil.ExitError
		if err != nil && !(asExit(err, &ee) && ee.Err == nil) {
			fmt.Fprintln(os.Stderr, "voxlan:", err)
		}
		os.Exit(cmdutil.CodeFor(err))
	}
	os.Exit(m.Run())
}

func asExit(err error, ee **cmdutil.ExitError) bool {
	e, ok := err.(*cmdutil.ExitError)
	*ee = e
	return ok
}

// voxlanIn runs `voxlan probe args` in ns and returns stdout, stderr and
// the exit code.
func voxlanIn(t *testing.T, ns *netns.NS, args string) ([]byte, string, int) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := ns.Command(ctx, self)
	cmd.Env = append(os.Environ(), childEnv+"="+args)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	if err != nil {
		code = cmd.ProcessState.ExitCode()
	}
	t.Logf("voxlan probe %s (exit %d):\n%s", args, code, stderr.String())
	return stdout.Bytes(), stderr.String(), code
}

// The whole jack check on a healthy lab site: voxlan acts as a phone, lldpd
// (the switch) announces voice VLAN 20 by LLDP-MED fast start, and the voice
// DISCOVER goes out tagged with it while the data one is already out;
// dnsmasq answers both, DNS and the gateway pass. No finding: exit 0.
func TestProbeLearnsVoiceVLANFromLLDP(t *testing.T) {
	labtest.RequireTools(t, "lldpd", "lldpcli")
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{
		Pools:      []dhcplab.Pool{s.DataPool(), s.VoicePool()},
		DNSRecords: wteRecords(t, "sip.lab.test"),
	})
	lldplab.StartLLDPD(t, s.Switch, s.SwitchPort, lldplab.SwitchConfig("SW1", 30), "-M", "4")
	out, _, code := voxlanIn(t, s.Laptop, "--iface "+s.LaptopDev+" --resolve sip.lab.test --dhcp-wait 1500ms -o json")
	if code != 0 {
		t.Fatalf("exit %d, want 0 on a healthy site:\n%s", code, out)
	}
	snap, err := snapshot.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Here == nil || snap.Here.Probe.AnswerSeconds == 0 || len(snap.Here.Neighbors) == 0 || snap.Here.Neighbors[0].SysName != "SW1" {
		t.Fatalf("here block: %+v", snap.Here)
	}
	p := snap.Probe
	if len(p.DHCP) != 2 || p.DHCP[1].VLAN != 20 || len(p.DHCP[1].Offers) != 1 || p.DHCP[1].Offers[0].Network != "198.18.20.0/24" {
		js, _ := json.MarshalIndent(p.DHCP, "", " ")
		t.Fatalf("voice VLAN not learnt and probed:\n%s", js)
	}
	checkResolved(t, p.DNS, dhcplab.DataGateway, wteRecords(t, "sip.lab.test"))
	// The voice VLAN's DNS server is out of the untagged laptop's reach:
	// skipped, with a code and the server for a translated report.
	if sk := skipCoded(t, p, snapshot.ProbeSkipDNSVoiceUnreachable); sk.Args["server"] != dhcplab.VoiceGateway || sk.Args["error"] == "" {
		t.Errorf("voice DNS skip %+v", sk)
	}
	if len(p.Transport) != 1 || !p.Transport[0].Pass || len(p.Findings) != 0 {
		t.Errorf("transport %+v findings %+v", p.Transport, p.Findings)
	}
}

// wteRecords are DNS records for the wte profile's service names (each to
// its own lab address) and extra: the lab's dnsmasq answers them, and
// nothing else (no upstream), so no real name is ever resolved for real.
func wteRecords(t *testing.T, extra ...string) map[string]string {
	t.Helper()
	p, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	recs := map[string]string{}
	for i, n := range slices.Concat(p.DNS.Names, extra) {
		recs[n] = fmt.Sprintf("198.18.10.%d", 50+i)
	}
	return recs
}

// checkResolved wants exactly one successful lookup of each name through
// server, with the record's address.
func checkResolved(t *testing.T, lookups []snapshot.DNSLookup, server string, records map[string]string) {
	t.Helper()
	if len(lookups) != len(records) {
		t.Errorf("%d lookups, want %d: %+v", len(lookups), len(records), lookups)
	}
	for _, l := range lookups {
		want, ok := records[l.Name]
		if !ok || !l.OK || l.Server != server || len(l.Addresses) != 1 || l.Addresses[0] != want {
			t.Errorf("lookup %+v, want %s -> %s via %s", l, l.Name, want, server)
		}
	}
}

// A Mitel site whose DNS server does not know Mitel's RCS (rcs.aastra.com,
// the profile's dns.names): the probe asks for it without any --resolve,
// and the failure is a D5 finding (exit 4). No switch answers LLDP, so
// only the data VLAN is probed. dnsmasq has no upstream, so
// the name is refused, never looked up for real.
func TestProbeResolvesProfileNames(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{
		Pools:      []dhcplab.Pool{s.DataPool()},
		DNSRecords: map[string]string{"mbg.lab.test": "198.18.10.60"},
	})
	out, _, code := voxlanIn(t, s.Laptop, "--iface "+s.LaptopDev+" --profile mitel --lldp-wait 1s --resolve mbg.lab.test --dhcp-wait 1s --count 5 -o json")
	if code != cmdutil.ExitFindings {
		t.Errorf("exit %d, want %d", code, cmdutil.ExitFindings)
	}
	snap, err := snapshot.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	p := snap.Probe
	byName := map[string]snapshot.DNSLookup{}
	for _, l := range p.DNS {
		byName[l.Name] = l
	}
	if l := byName["rcs.aastra.com"]; l.OK || l.Server != dhcplab.DataGateway || l.Rcode != "REFUSED" {
		t.Errorf("profile name: %+v", l)
	}
	if l := byName["mbg.lab.test"]; !l.OK || l.Addresses[0] != "198.18.10.60" {
		t.Errorf("--resolve name: %+v", l)
	}
	if len(p.DNS) != 2 {
		t.Errorf("lookups %+v", p.DNS)
	}
	var d5 []string
	for _, f := range p.Findings {
		if f.Requirement == "D5" {
			d5 = append(d5, f.Subject)
		}
	}
	if !slices.Equal(d5, []string{"rcs.aastra.com"}) {
		t.Errorf("D5 findings on %q, want rcs.aastra.com: %+v", d5, p.Findings)
	}
	// No switch announces a voice VLAN (no LLDP peer): skipped, with the
	// wait as the code's argument.
	if sk := skipCoded(t, p, snapshot.ProbeSkipVoiceNoVLAN); sk.Args["wait"] != "1s" {
		t.Errorf("voice VLAN skip %+v", sk)
	}
}

// skipCoded returns p's skip with code (p must have one code per English
// line); it fails the test when there is none.
func skipCoded(t *testing.T, p *snapshot.Probe, code string) snapshot.ProbeSkip {
	t.Helper()
	if len(p.Skips) != len(p.Skipped) {
		t.Errorf("%d skip codes for %d lines: %+v %q", len(p.Skips), len(p.Skipped), p.Skips, p.Skipped)
	}
	for _, sk := range p.Skips {
		if sk.Code == code {
			return sk
		}
	}
	t.Errorf("no skip %q in %+v (lines %q)", code, p.Skips, p.Skipped)
	return snapshot.ProbeSkip{}
}

// A standard site gone wrong: a PBX's own DHCP server answers on the data
// VLAN and nothing answers in voice VLAN 20. The table says both, and the
// exit code is 4 (findings).
func TestProbeTableRogueAndSilentVoice(t *testing.T) {
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool()}})
	rogue, dev := s.AddRogue(t)
	dhcplab.Start(t, rogue, dhcplab.Server{Pools: []dhcplab.Pool{{
		Interface: dev, Start: "198.18.10.200", End: "198.18.10.220", Mask: "255.255.255.0", Router: dhcplab.RogueAddr,
	}}})
	out, _, code := voxlanIn(t, s.Laptop, "--iface "+s.LaptopDev+" --voice-vlan 20 --dhcp-wait 1s --count 5 -o table")
	if code != cmdutil.ExitFindings {
		t.Errorf("exit %d, want %d", code, cmdutil.ExitFindings)
	}
	text := strings.Join(strings.Fields(string(out)), " ") // column widths vary
	for _, want := range []string{
		"untagged (data) 198.18.10.1 ", "untagged (data) 198.18.10.254 ",
		"20 (voice) no OFFER",
		"D4 FAIL 2 DHCP servers answer in the untagged data VLAN",
		"D2 FAIL no DHCP server answered in the voice vlan 20",
		"D1 FAIL the OFFER of 198.18.10.254 in the untagged data VLAN lacks DNS servers (6)", // the rogue hands out no DNS
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
}

// Without root or CAP_NET_RAW (run as nobody): DHCP and LLDP are skipped
// with the reason and the fix, and what needs no raw socket still runs: DNS
// through the host's resolvers (the namespace's resolv.conf, pointing at the
// lab's dnsmasq) and the default gateway over an unprivileged ICMP socket
// (ping_group_range opened in the namespace). Exit 3: checks skipped.
func TestProbeWithoutRawAccess(t *testing.T) {
	labtest.RequireTools(t, "setpriv")
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{
		Pools:      []dhcplab.Pool{s.DataPool()},
		DNSRecords: wteRecords(t, "sip.lab.test"),
	})
	ctx := context.Background()
	if _, err := s.Laptop.Run(ctx, "sh", "-c", "echo '0 2147483647' > /proc/sys/net/ipv4/ping_group_range"); err != nil {
		t.Fatal(err)
	}
	if err := s.Laptop.IP("route", "add", "default", "via", dhcplab.DataGateway); err != nil {
		t.Fatal(err)
	}
	// `ip netns exec` bind-mounts /etc/netns/NAME/resolv.conf over
	// /etc/resolv.conf, so the host's real resolvers are never asked.
	etc := filepath.Join("/etc/netns", s.Laptop.Name)
	if err := os.MkdirAll(etc, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(etc) })
	if err := os.WriteFile(filepath.Join(etc, "resolv.conf"), []byte("nameserver "+dhcplab.DataGateway+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// nobody must be able to execute a copy of this test binary.
	dir, err := os.MkdirTemp("", "voxlan-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "probe.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := s.Laptop.Command(runCtx, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bin)
	cmd.Env = append(os.Environ(), childEnv+"=--iface "+s.LaptopDev+" --resolve sip.lab.test -o json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("as nobody:\n%s", stderr.String())
	if code := cmd.ProcessState.ExitCode(); code != cmdutil.ExitPartial {
		t.Fatalf("exit %d (%v), want %d (checks skipped)", code, err, cmdutil.ExitPartial)
	}
	if !strings.Contains(stderr.String(), "setcap cap_net_raw") {
		t.Errorf("stderr does not say how to grant raw access")
	}
	snap, err := snapshot.Decode(&stdout)
	if err != nil {
		t.Fatal(err)
	}
	p := snap.Probe
	if p.RawAccess || len(p.DHCP) != 0 || !strings.Contains(strings.Join(p.Skipped, "\n"), "dhcp: not probed: raw frames need root or CAP_NET_RAW") {
		t.Errorf("rawAccess %v, dhcp %+v, skipped %q", p.RawAccess, p.DHCP, p.Skipped)
	}
	checkResolved(t, p.DNS, dhcplab.DataGateway, wteRecords(t, "sip.lab.test"))
	for _, l := range p.DNS {
		if l.Role != "system" {
			t.Errorf("dns through the host's resolver: %+v", l)
		}
	}
	if len(p.Transport) != 1 || p.Transport[0].Role != "gateway" || !p.Transport[0].Pass {
		t.Errorf("gateway over unprivileged ICMP: %+v", p.Transport)
	}
}
