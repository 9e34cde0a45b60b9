package aruba_aoscx

import (
	"slices"
	"testing"

	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

func TestParseConfig(t *testing.T) {
	cfg, err := Driver{}.ParseConfig(drivertest.ReadFile(t, "testdata/running.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Hostname != "cx-access-2" || !cfg.LLDP || cfg.Addresses["198.18.1.2"] != 99 {
		t.Errorf("hostname %q lldp %v addresses %v", cfg.Hostname, cfg.LLDP, cfg.Addresses)
	}
	if v := cfg.VLANs[20]; !v.Voice || v.Name != "VOICE" || cfg.VLANs[10].Name != "DATA" || len(cfg.VLANs) != 5 {
		t.Errorf("VLANs %+v", cfg.VLANs)
	}
	voice := voicePolicy(20)
	for _, c := range []struct {
		port        string
		mode        string
		data, voice int
		tagged      []int
		med         bool
	}{
		{"1/1/1", drivers.ModeAccess, 10, 20, nil, true},
		{"1/1/2", drivers.ModeAccess, 10, 20, nil, false}, // network-policy TLV off
		{"1/1/3", drivers.ModeAccess, 10, 0, nil, false},
		{"1/1/4", drivers.ModeAccess, 30, 0, nil, false},
		{"1/1/5", drivers.ModeTrunk, 10, 0, []int{20, 30}, false},
		{"1/1/48", drivers.ModeAccess, 0, 0, nil, false},
	} {
		p := cfg.Ports[c.port]
		if p == nil {
			t.Errorf("%s missing", c.port)
			continue
		}
		if p.Mode != c.mode || p.DataVLAN != c.data || p.VoiceVLAN != c.voice || !slices.Equal(p.TaggedVLANs, c.tagged) || (p.MED != nil) != c.med {
			t.Errorf("%s: %s", c.port, drivers.PortState(p))
		}
		if c.med && *p.MED != voice {
			t.Errorf("%s: policy %+v", c.port, *p.MED)
		}
	}
	if p := cfg.Ports["1/1/3"]; !p.Shutdown || !p.PoEOff {
		t.Errorf("1/1/3 shutdown %v poe off %v", p.Shutdown, p.PoEOff)
	}
	if p := cfg.Ports["1/1/4"]; !p.LLDPTxOff || p.LLDPRxOff {
		t.Errorf("1/1/4 lldp tx off %v rx off %v", p.LLDPTxOff, p.LLDPRxOff)
	}
	if lag := cfg.Ports["lag1"]; lag == nil || lag.Mode != drivers.ModeTrunk || len(lag.TaggedVLANs) != 4093 {
		t.Errorf("lag1 (allowed all): %+v", lag)
	}
	if !slices.Equal(cfg.Raw[routedKey], []string{"1/1/7"}) || !slices.Equal(cfg.Raw[nativeTagKey], []string{"1/1/6"}) ||
		!slices.Equal(cfg.Raw[medOffKey], []string{"1/1/2"}) {
		t.Errorf("routed %v native tag %v med off %v", cfg.Raw[routedKey], cfg.Raw[nativeTagKey], cfg.Raw[medOffKey])
	}
	if got := cfg.Raw["interface 1/1/2"]; !slices.Contains(got, "    description desk 2-14") {
		t.Errorf("unmanaged lines of 1/1/2: %q", got)
	}
	if _, err := (Driver{}).ParseConfig("\n!\n"); err == nil {
		t.Error("an empty configuration parsed")
	}
	if _, err := (Driver{}).ParseConfig("interface 1/1/1\n    vlan access 5000\n"); err == nil {
		t.Error("VLAN 5000 accepted")
	}
}

// TestRenderSelf: a configuration rendered against itself sends nothing,
// for the test file and the emulator's own output (which the driver must
// read as the emulator means it).
func TestRenderSelf(t *testing.T) {
	for name, text := range map[string]string{
		"running.txt": drivertest.ReadFile(t, "testdata/running.txt"),
		"emulator":    clisim.NewAOSCX("cx1", 10, "198.18.1.2").RunningConfig(),
	} {
		cfg, err := Driver{}.ParseConfig(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		scope := drivers.Scope{Ports: cfg.PortOrder, VLANs: cfg.SortedVLANs(), Global: true}
		lines, err := Driver{}.Render(cfg, cfg.Clone(), scope)
		if err != nil || len(lines) != 0 {
			t.Errorf("%s: self render %q %v", name, lines, err)
		}
	}
}

// TestEmulatorMatchesDriver: the emulator's ports, as the driver reads
// them, are what NewAOSCX promises.
func TestEmulatorMatchesDriver(t *testing.T) {
	cfg, err := Driver{}.ParseConfig(clisim.NewAOSCX("cx1", 10, "198.18.1.2").RunningConfig())
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Ports) != 52 || cfg.Addresses["198.18.1.2"] != 99 || len(cfg.Raw[routedKey]) != 0 {
		t.Fatalf("%d ports, addresses %v, routed %v", len(cfg.Ports), cfg.Addresses, cfg.Raw[routedKey])
	}
	if p := cfg.Ports["1/1/5"]; p.Mode != drivers.ModeAccess || p.DataVLAN != 10 {
		t.Errorf("1/1/5: %s", drivers.PortState(p))
	}
	if p := cfg.Ports["1/1/49"]; p.Mode != drivers.ModeTrunk || !slices.Equal(p.TaggedVLANs, []int{10, 99}) {
		t.Errorf("uplink: %s", drivers.PortState(p))
	}
}
