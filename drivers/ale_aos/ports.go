package ale_aos

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
)

// Release is an AOS major release, told apart by its port names and
// syntax.
type Release int

// The releases voxlan drives.
const (
	// AOS6: slot/port ("1/1"), `vlan 10 port default 1/1`, `vlan 20
	// 802.1q 1/1`, `lldp 1/1 ...`, `lanpower start 1`.
	AOS6 Release = 6
	// AOS8: chassis/slot/port ("1/1/1"), `vlan 10 members port 1/1/1
	// untagged|tagged`, `lldp port 1/1/1 ...`, `lanpower port 1/1/1
	// admin-state enable`.
	AOS8 Release = 8
)

// parts is how many numbers a port name of r has.
func (r Release) parts() int {
	if r == AOS6 {
		return 2
	}
	return 3
}

// releaseKey holds the release in Config.Raw.
const releaseKey = "\x00release"

// releaseOf is the release a parsed configuration was written by.
func releaseOf(cfg *drivers.Config) Release {
	if v := cfg.Raw[releaseKey]; len(v) == 1 && v[0] == "6" {
		return AOS6
	}
	return AOS8
}

// portNumbers reads "1/1/1" or "1/1" into its numbers, nil when name is no
// port.
func portNumbers(name string) []int {
	parts := strings.Split(name, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return nil
	}
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 999 || (len(p) > 1 && p[0] == '0') {
			return nil
		}
		out[i] = n
	}
	return out
}

// isPort says whether name is a port name of release r.
func isPort(name string, r Release) bool {
	n := portNumbers(name)
	return n != nil && len(n) == r.parts()
}

// slotOf is a port's slot as the release's lanpower commands name it:
// "1" on AOS 6, "1/1" on AOS 8.
func slotOf(port string) string {
	return port[:strings.LastIndexByte(port, '/')]
}

// expandPorts reads a port or a port range as OmniSwitch writes it
// ("1/1/1", "1/1/1-24", "1/1-24") into port names of release r.
func expandPorts(s string, r Release) ([]string, error) {
	first, last, isRange := strings.Cut(s, "-")
	if !isPort(first, r) {
		return nil, fmt.Errorf("bad port %q", s)
	}
	if !isRange {
		return []string{first}, nil
	}
	i := strings.LastIndexByte(first, '/')
	lo, _ := strconv.Atoi(first[i+1:])
	hi, err := strconv.Atoi(last)
	if err != nil || hi < lo || hi > 999 {
		return nil, fmt.Errorf("bad port range %q", s)
	}
	out := make([]string, 0, hi-lo+1)
	for n := lo; n <= hi; n++ {
		out = append(out, first[:i+1]+strconv.Itoa(n))
	}
	return out, nil
}

// compressPorts writes ports as OmniSwitch's snapshot does: runs of one
// slot as ranges ("1/1/1-24").
func compressPorts(ports []string) []string {
	var out []string
	for i := 0; i < len(ports); {
		j := i
		base := slotOf(ports[i])
		n := func(k int) int { v, _ := strconv.Atoi(ports[k][strings.LastIndexByte(ports[k], '/')+1:]); return v }
		for j+1 < len(ports) && slotOf(ports[j+1]) == base && n(j+1) == n(j)+1 {
			j++
		}
		if j > i {
			out = append(out, ports[i]+"-"+strconv.Itoa(n(j)))
		} else {
			out = append(out, ports[i])
		}
		i = j + 1
	}
	return out
}

// CanonicalPort implements the optional port-name hook of drivers/apply:
// SNMP's ifDescr "Alcatel-Lucent 1/1" or "Alcatel-Lucent Enterprise 1/1/1",
// and "port 1/1/1", become the configuration's "1/1" and "1/1/1".
func (Driver) CanonicalPort(name string) string {
	n := strings.TrimSpace(name)
	for _, p := range []string{"Alcatel-Lucent Enterprise ", "Alcatel-Lucent ", "port "} {
		n = strings.TrimSpace(strings.TrimPrefix(n, p))
	}
	return n
}

var _ drivers.ImplicitPorts = Driver{}

// ImplicitPort implements drivers.ImplicitPorts: OmniSwitch's snapshot
// names only the ports that differ from the defaults, so any port name of
// the configuration's release is a port (untagged in VLAN 1, nothing
// else). A name the switch does not have is
// rejected by the switch ("ERROR: Invalid port") and the change rolled
// back.
func (Driver) ImplicitPort(cfg *drivers.Config, name string) bool {
	return isPort(name, releaseOf(cfg))
}

// defaultPort is the state of a port the configuration does not mention:
// untagged in VLAN 1, nothing tagged, LLDP and PoE per the switch-wide
// settings.
func defaultPort(cfg *drivers.Config, name string) *drivers.Port {
	p := &drivers.Port{Name: name, Mode: drivers.ModeAccess}
	p.PoEOff = cfg != nil && stoppedSlot(cfg, name)
	if cfg != nil {
		effectiveMED(cfg, p)
	}
	return p
}

// portOf is cfg's port name, or its default state when the configuration
// does not mention it.
func portOf(cfg *drivers.Config, name string) *drivers.Port {
	if p, ok := cfg.Ports[name]; ok {
		return p
	}
	return defaultPort(cfg, name)
}

// comparePorts orders ports by their numbers.
func comparePorts(a, b string) int { return audit.ComparePorts(a, b) }
