package probe

import (
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
	fieldprobe "github.com/voxlan/voxlan/probe"
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
