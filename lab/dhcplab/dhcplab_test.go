//go:build linux

package dhcplab_test

import (
	"context"
	"strings"
	"testing"
	"time"

	osexec "os/exec"

	"github.com/voxlan/voxlan/lab/dhcplab"
	"github.com/voxlan/voxlan/lab/labtest"
)

// The site must answer DHCP in both VLANs, checked with scapy (lab.md's
// verified reference client), independent of voxlan's own client.
func TestSiteAnswersBothVLANs(t *testing.T) {
	labtest.RequireTools(t, "/usr/bin/python3", "dnsmasq")
	if err := exec("/usr/bin/python3", "-c", "import scapy.all"); err != nil {
		labtest.Skip(t, "python3-scapy missing: %v", err)
	}
	s := dhcplab.NewSite(t, 20)
	dhcplab.Start(t, s.Switch, dhcplab.Server{Pools: []dhcplab.Pool{s.DataPool(), s.VoicePool()}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "OFFER vlan=None yiaddr=198.18.10.1"},
		{[]string{"20"}, "OFFER vlan=20 yiaddr=198.18.20.1"},
	} {
		out, err := s.Laptop.Run(ctx, "/usr/bin/python3", append([]string{"testdata/discover_scapy.py", s.LaptopDev}, c.args...)...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), c.want) {
			t.Errorf("scapy %v got:\n%s\nwant a line starting %q", c.args, out, c.want)
		}
	}
}

func exec(name string, args ...string) error {
	return osexec.Command(name, args...).Run()
}
