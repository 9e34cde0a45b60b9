package apply_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/drivers/cisco_sb"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// configured runs lines on a fresh shell of dev and returns its running
// configuration.
func configured(t *testing.T, dev interface {
	NewShell() clisim.Shell
	RunningConfig() string
}, lines ...string) string {
	t.Helper()
	sh := dev.NewShell()
	for _, l := range lines {
		if out, _ := sh.Exec(l); strings.Contains(out, "%") || strings.Contains(out, "Invalid") {
			t.Fatalf("%s: %s", l, out)
		}
	}
	return dev.RunningConfig()
}

// TestManagementGuardEveryDriver: on each OS, a port that carries the
// management VLAN (the VLAN of the interface holding the switch's address)
// is refused when the plan would take that VLAN off it, untagged or as a
// trunk; the other ports are still planned.
func TestManagementGuardEveryDriver(t *testing.T) {
	for _, tc := range []struct {
		name      string
		driver    drivers.Driver
		config    func(t *testing.T) string
		mgmtPorts []string // refused
		phone     string   // planned
	}{
		{"cisco_ios", cisco_ios.Driver{}, func(t *testing.T) string {
			return configured(t, clisim.NewIOS("SW1", 10, "198.18.1.2"), "configure terminal",
				"interface Gi1/0/5", "switchport access vlan 99", "end")
		}, []string{"Gi1/0/5"}, "Gi1/0/7"},
		{"cisco_sb", cisco_sb.Driver{}, func(t *testing.T) string {
			return configured(t, clisim.NewSB("sw1", 10, "198.18.1.2"), "configure terminal", "interface gi5", "switchport access vlan 99", "end")
		}, []string{"gi5"}, "gi7"},
		{"aruba_aoss", aruba_aoss.Driver{}, func(t *testing.T) string {
			return configured(t, clisim.NewAOSS("sw1", 10, "198.18.1.2"), "configure", "vlan 99", "untagged 5", "end")
		}, []string{"5"}, "7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.config(t)
			ports := append(slices.Clone(tc.mgmtPorts), tc.phone)
			p, err := apply.PlanFromText(tc.driver, "sw1", cfg, "", drivertest.VoiceChanges(ports...), apply.Guard{MgmtAddress: "198.18.1.2"})
			if err != nil {
				t.Fatalf("the whole switch was dropped: %v", err)
			}
			var refused []string
			for _, r := range p.Refused {
				refused = append(refused, r.Port)
				if !strings.Contains(r.Reason, "management VLAN 99") {
					t.Errorf("%s refused for %q, want the management VLAN", r.Port, r.Reason)
				}
			}
			if !slices.Equal(refused, tc.mgmtPorts) {
				t.Errorf("refused %v, want %v", refused, tc.mgmtPorts)
			}
			if len(p.Ports) != 1 || len(p.Lines) == 0 {
				t.Errorf("planned ports %v (%d lines), want only %s", p.Ports, len(p.Lines), tc.phone)
			}
		})
	}
}

// TestTrunkCarryingManagementRefusedPerPort: an IOS trunk carrying the
// management VLAN that the plan would turn into a phone port is refused
// (IOS will not make an access port of it), the other port is planned and
// the switch stays in the plan.
func TestTrunkCarryingManagementRefusedPerPort(t *testing.T) {
	cfg := configured(t, clisim.NewIOS("SW1", 10, "198.18.1.2"), "configure terminal",
		"interface Gi1/0/6", "switchport mode trunk", "end")
	cfg = strings.Replace(cfg, "interface GigabitEthernet1/0/6\n", "interface GigabitEthernet1/0/6\n switchport trunk allowed vlan 10,99\n", 1)
	p, err := apply.PlanFromText(cisco_ios.Driver{}, "sw1", cfg, "", drivertest.VoiceChanges("Gi1/0/6", "Gi1/0/7"), apply.Guard{MgmtAddress: "198.18.1.2"})
	if err != nil {
		t.Fatalf("the whole switch was dropped: %v", err)
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "Gi1/0/6" {
		t.Fatalf("refused %+v, want Gi1/0/6", p.Refused)
	}
	if !slices.Equal(p.Ports, []string{"Gi1/0/7"}) {
		t.Errorf("planned %v, want Gi1/0/7", p.Ports)
	}
}

// failingPort is the IOS driver unable to plan one port, as a driver that
// will not convert a trunk.
type failingPort struct {
	cisco_ios.Driver
	port string
}

var errCannot = errors.New("cannot convert this port")

func (d failingPort) Want(cur *drivers.Config, cs []audit.Change) (*drivers.Config, drivers.Scope, error) {
	for _, c := range cs {
		if c.Port == d.port {
			return nil, drivers.Scope{}, errCannot
		}
	}
	return d.Driver.Want(cur, cs)
}

// TestOnePortDoesNotDropTheSwitch: a port the driver cannot plan is refused
// with the driver's reason, and the other ports' fixes are still planned.
func TestOnePortDoesNotDropTheSwitch(t *testing.T) {
	cfg := clisim.NewIOS("SW1", 10, "198.18.1.2").RunningConfig()
	p, err := apply.PlanFromText(failingPort{port: "Gi1/0/3"}, "sw1", cfg, "", drivertest.VoiceChanges("Gi1/0/2", "Gi1/0/3", "Gi1/0/4"), apply.Guard{})
	if err != nil {
		t.Fatalf("the whole switch was dropped: %v", err)
	}
	if len(p.Refused) != 1 || p.Refused[0].Port != "Gi1/0/3" || !strings.Contains(p.Refused[0].Reason, errCannot.Error()) || p.Refused[0].Changes != 5 {
		t.Errorf("refused %+v, want Gi1/0/3 with the driver's reason and its 5 changes", p.Refused)
	}
	if !slices.Equal(p.Ports, []string{"Gi1/0/2", "Gi1/0/4"}) {
		t.Errorf("planned %v, want Gi1/0/2 and Gi1/0/4", p.Ports)
	}
}
