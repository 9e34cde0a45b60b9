package capture

import (
	"errors"
	"fmt"
	"net"
	"strings"
)

// Interface is one network interface of this laptop, named as its user
// knows it: "Ethernet 2" on Windows (the name Settings and ipconfig show;
// Open maps it to Npcap's \Device\NPF_{GUID}), "en5" on macOS, "enp3s0"
// on Linux. Interfaces lists them per OS.
type Interface struct {
	// Name is what --iface and Open take.
	Name string
	// Description is the adapter's model where the OS says it (Windows:
	// "Intel(R) Ethernet Connection I219-LM"), else empty.
	Description string
	MAC         net.HardwareAddr
	// SpeedMbps is the negotiated speed, 0 when the OS does not say.
	SpeedMbps int
	// Kind is what the interface is: KindWired for a physical Ethernet
	// port, else why it is no jack (Wi-Fi, virtual, loopback...).
	Kind string
	// Up says the interface is enabled (administratively up).
	Up bool
	// Carrier says a live cable links it to something (link up).
	Carrier bool
}

// Kinds of Interface.Kind.
const (
	KindWired    = "wired"
	KindWireless = "Wi-Fi"
	KindVirtual  = "virtual"
	KindLoopback = "loopback"
	// KindOther: a physical port that is not Ethernet (tunnel, cellular,
	// FireWire...).
	KindOther = "not Ethernet"
)

var (
	// ErrNoWiredInterface: no wired Ethernet interface has carrier, so
	// there is no jack to listen on.
	ErrNoWiredInterface = errors.New("no wired interface with carrier")
	// ErrSeveralWired: more than one wired interface has carrier, and
	// voxlan will not guess which one is on the jack.
	ErrSeveralWired = errors.New("several wired interfaces with carrier")
)

// Jack says whether ifc can be the laptop's link to the wall jack: a wired
// Ethernet port, enabled, with carrier.
func (ifc Interface) Jack() bool {
	return ifc.Kind == KindWired && ifc.Up && ifc.Carrier
}

// String names ifc and its state for a technician: `en5 (wired, no
// carrier)`, `"Ethernet 2" (wired, carrier, 1000 Mb/s)`.
func (ifc Interface) String() string {
	name := ifc.Name
	if strings.ContainsAny(name, " \t") {
		name = fmt.Sprintf("%q", name)
	}
	state := []string{ifc.Kind}
	switch {
	case ifc.Kind != KindWired:
	case !ifc.Up:
		state = append(state, "disabled")
	case !ifc.Carrier:
		state = append(state, "no carrier")
	default:
		state = append(state, "carrier")
		if ifc.SpeedMbps > 0 {
			state = append(state, fmt.Sprintf("%d Mb/s", ifc.SpeedMbps))
		}
	}
	return name + " (" + strings.Join(state, ", ") + ")"
}

// Jacks keeps, of all, the interfaces that can be on the jack (Jack).
func Jacks(all []Interface) []Interface {
	var out []Interface
	for _, ifc := range all {
		if ifc.Jack() {
			out = append(out, ifc)
		}
	}
	return out
}

// PickJack chooses the interface to listen on when none was named: the
// only one that can be on the jack. None, or several, is an error saying
// what to do and what was seen (ErrNoWiredInterface, ErrSeveralWired).
func PickJack(all []Interface) (Interface, error) {
	jacks := Jacks(all)
	switch len(jacks) {
	case 1:
		return jacks[0], nil
	case 0:
		return Interface{}, NoJackError(all)
	}
	names := make([]string, len(jacks))
	for i, j := range jacks {
		names[i] = j.String()
	}
	return Interface{}, fmt.Errorf("%w: %s: give --iface NAME for the one on the jack", ErrSeveralWired, strings.Join(names, ", "))
}

// NoJackError is ErrNoWiredInterface with what to do and the interfaces
// seen.
func NoJackError(all []Interface) error {
	return fmt.Errorf("%w: plug the laptop into the jack, or give --iface NAME; seen: %s", ErrNoWiredInterface, seenList(all))
}

// seenList names every interface of all with its state, "none" for none.
func seenList(all []Interface) string {
	if len(all) == 0 {
		return "none"
	}
	names := make([]string, len(all))
	for i, ifc := range all {
		names[i] = ifc.String()
	}
	return strings.Join(names, ", ")
}

// Interfaces lists this laptop's network interfaces, each classified
// (Kind, Up, Carrier) the OS's way: /sys/class/net on Linux, the media
// status (SIOCGIFMEDIA) on macOS, the adapter list and interface table
// (GetAdaptersAddresses, GetIfEntry2Ex) on Windows.
func Interfaces() ([]Interface, error) {
	return listInterfaces()
}
