//go:build linux

package dhcplab

import (
	"context"
	"testing"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/vlantap"
)

// Addresses of the jack site (all in 198.18.0.0/15).
const (
	DataGateway  = "198.18.10.1"   // the switch/router on the data VLAN
	LaptopData   = "198.18.10.2"   // the laptop's own address on the data VLAN
	VoiceGateway = "198.18.20.1"   // the switch on the voice VLAN
	RogueAddr    = "198.18.10.254" // a second server (a PBX's own DHCP)
)

// Site is the jack a technician plugs into:
//
//	laptop:LaptopDev 198.18.10.2 -- veth -- sw:SwitchPort (in bridge Bridge, 198.18.10.1)
//	                                        sw:VoiceDev = SwitchPort tagged VoiceVLAN, 198.18.20.1
//	rogue:(veth) 198.18.10.254 -- veth -- sw bridge Bridge   (AddRogue)
type Site struct {
	Laptop, Switch *netns.NS
	LaptopDev      string
	SwitchPort     string
	Bridge         string
	// VoiceVLAN is 0 when the site has no voice VLAN; VoiceDev is then "".
	VoiceVLAN uint16
	VoiceDev  string
}

// NewSite builds the jack. voiceVLAN 0 means a standard site (no voice VLAN).
func NewSite(t testing.TB, voiceVLAN uint16) *Site {
	t.Helper()
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "ip")
	s := &Site{
		Laptop: netns.ForTest(t, "jlap"), Switch: netns.ForTest(t, "jsw"),
		LaptopDev: netns.UniqueName("eth"), SwitchPort: netns.UniqueName("swp"), Bridge: netns.UniqueName("br"),
		VoiceVLAN: voiceVLAN,
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(netns.Veth(s.Laptop, s.LaptopDev, s.Switch, s.SwitchPort))
	must(s.Switch.IP("link", "add", s.Bridge, "type", "bridge", "forward_delay", "0"))
	must(s.Switch.IP("link", "set", s.SwitchPort, "master", s.Bridge))
	must(s.Switch.AddAddr(s.Bridge, DataGateway+"/24"))
	must(s.Laptop.AddAddr(s.LaptopDev, LaptopData+"/24"))
	if voiceVLAN != 0 {
		s.VoiceDev = netns.UniqueName("swv")
		ctx, cancel := context.WithCancel(context.Background())
		var tap *vlantap.Tap
		must(vlantap.InNetns(s.Switch.Name, func() error {
			var err error
			tap, err = vlantap.Start(ctx, vlantap.Config{
				Parent: s.SwitchPort, VLAN: voiceVLAN, Priority: 5, Name: s.VoiceDev, CIDR: VoiceGateway + "/24",
			})
			return err
		}))
		t.Cleanup(func() {
			cancel()
			if err := tap.Close(); err != nil {
				t.Errorf("voice vlantap: %v", err)
			}
		})
	}
	return s
}

// DataPool is the office data plan served by the switch.
func (s *Site) DataPool() Pool {
	return Pool{Interface: s.Bridge, Start: "198.18.10.100", End: "198.18.10.150", Mask: "255.255.255.0",
		Router: DataGateway, DNS: []string{DataGateway}, Domain: "data.lab.test"}
}

// VoicePool is the voice plan on the tagged sub-interface, with the options
// a phone looks for (TFTP name 66, Cisco TFTP servers 150, vendor 43).
func (s *Site) VoicePool() Pool {
	return Pool{Interface: s.VoiceDev, Start: "198.18.20.100", End: "198.18.20.150", Mask: "255.255.255.0",
		Router: VoiceGateway, DNS: []string{VoiceGateway}, Domain: "voice.lab.test",
		TFTPName: "tftp.voice.lab.test", TFTPServers: []string{"198.18.20.5"}, VendorHex: "01:04:c6:12:14:05"}
}

// AddRogue cables a second host into the switch's bridge (a PBX with its own
// DHCP server) and returns its namespace and interface, addressed
// RogueAddr/24.
func (s *Site) AddRogue(t testing.TB) (*netns.NS, string) {
	t.Helper()
	rogue := netns.ForTest(t, "jpbx")
	dev, port := netns.UniqueName("pbx"), netns.UniqueName("swr")
	if err := netns.Veth(rogue, dev, s.Switch, port); err != nil {
		t.Fatal(err)
	}
	if err := s.Switch.IP("link", "set", port, "master", s.Bridge); err != nil {
		t.Fatal(err)
	}
	if err := rogue.AddAddr(dev, RogueAddr+"/24"); err != nil {
		t.Fatal(err)
	}
	return rogue, dev
}
