package probe

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	fieldprobe "github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/profile"
)

func TestNewCmdProbeFlags(t *testing.T) {
	cases := []struct {
		name    string
		args    string
		wantErr string
		check   func(*testing.T, *ProbeOptions)
	}{
		{name: "no iface: found at run", args: "", check: func(t *testing.T, o *ProbeOptions) {
			if o.Interface != "" {
				t.Errorf("interface %q", o.Interface)
			}
		}},
		{name: "voice vlan out of range", args: "-i eth0 --voice-vlan 4095", wantErr: "want 1-4094"},
		{name: "bad output", args: "-i eth0 -o yaml", wantErr: `-o "yaml"`},
		{name: "scan-sized range", args: "-i eth0 --ports 1-1000", wantErr: "does not scan"},
		{name: "bad port", args: "-i eth0 --ports 70000", wantErr: "outside 1-65535"},
		{name: "count bound", args: "-i eth0 --count 5000", wantErr: "want 1-1000"},
		{name: "defaults", args: "-i eth0", check: func(t *testing.T, o *ProbeOptions) {
			if o.Interface != "eth0" || o.VoiceVLAN != 0 || o.NoLLDP || o.Profile != "wte" || o.Count != 20 ||
				o.DHCPWait != fieldprobe.DefaultDHCPWait || o.Full || o.HereWait != 3*time.Second {
				t.Errorf("defaults: %+v", o)
			}
		}},
		{name: "everything", args: "-i eth1 --voice-vlan 20 --no-lldp --profile mitel --resolve a.test --resolve b.test --target 198.18.30.1 --ports 443,5228-5230 --count 50 --interval 5ms --dhcp-wait 6s --full -o json --out x.json --site HQ",
			check: func(t *testing.T, o *ProbeOptions) {
				if o.VoiceVLAN != 20 || !o.NoLLDP || o.Profile != "mitel" || strings.Join(o.Resolve, ",") != "a.test,b.test" ||
					strings.Join(o.Targets, ",") != "198.18.30.1" || o.PortList != "443,5228-5230" || o.Count != 50 ||
					o.Interval != 5*time.Millisecond || o.DHCPWait != 6*time.Second || !o.Full || o.Output != "json" || o.OutFile != "x.json" || o.Site != "HQ" {
					t.Errorf("parsed: %+v", o)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got *ProbeOptions
			streams, _, _ := cmdtest.Streams()
			cmd := NewCmdProbe(&cmdutil.Factory{IO: streams, Now: time.Now}, func(o *ProbeOptions) error { got = o; return nil })
			if cmdtest.WantUsageErr(t, cmdtest.Run(cmd, strings.Fields(c.args)...), c.wantErr) {
				return
			}
			c.check(t, got)
		})
	}
}

// The wte profile's TCP openings (STAS 2.6.2), each port once, ranges of up
// to 8 ports whole; UDP openings are not tried over TCP.
func TestTCPOpeningsWTE(t *testing.T) {
	p, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range TCPOpenings(p) {
		got = append(got, strconv.Itoa(s.Port)+"="+s.Opening)
	}
	want := []string{
		"8934=SIP over TLS", "5062=SIP over TLS", "443=HTTPS, Provisioning and firmware, Push notifications",
		"8443=HTTPS", "6970=Provisioning and firmware", "80=Provisioning and firmware", "53=DNS over TCP",
		"2197=Push notifications", "5223=Push notifications", "5228=Push notifications", "5229=Push notifications",
		"5230=Push notifications",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The probe resolves the profile's service names first, then the --resolve
// names it does not already list.
func TestDNSNames(t *testing.T) {
	for _, c := range []struct {
		profile string
		resolve []string
		want    string
	}{
		{"wte", nil, "activate.cisco.com,webapps.cisco.com,sudirenewal.cisco.com,cloudupgrader.webex.com,cscan.webex.com"},
		{"wte", []string{"sip.lab.test", "Activate.Cisco.com.", " ", "sip.lab.test"},
			"activate.cisco.com,webapps.cisco.com,sudirenewal.cisco.com,cloudupgrader.webex.com,cscan.webex.com,sip.lab.test"},
		{"mitel", []string{"mbg.example.net"}, "rcs.aastra.com,mbg.example.net"},
		{"generic", nil, ""},
	} {
		p, err := profile.Builtin(c.profile)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(DNSNames(p, c.resolve), ","); got != c.want {
			t.Errorf("%s %q: got %s, want %s", c.profile, c.resolve, got, c.want)
		}
	}
}
