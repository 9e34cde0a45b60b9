package cmdutil

import (
	"net"
	"strings"

	"github.com/voxlan/voxlan/capture"
)

// UnknownInterface is the usage error (exit 2) for an --iface that names
// no interface of this machine, listing the ones it has; nil when name
// exists. Verbs call it once opening the interface failed, so a test that
// injects its own capture is not affected.
func UnknownInterface(verb, name string) error {
	if _, err := net.InterfaceByName(name); err == nil {
		return nil
	}
	ifs, err := net.Interfaces()
	if err != nil {
		return UsageError("%s: no interface %q on this machine (the interfaces could not be listed: %v)", verb, name, err)
	}
	var names []string
	for _, ifi := range ifs {
		if ifi.Flags&net.FlagLoopback == 0 {
			names = append(names, ifi.Name)
		}
	}
	if len(names) == 0 {
		return UsageError("%s: no interface %q on this machine, and none but loopback", verb, name)
	}
	return UsageError("%s: no interface %q on this machine; give --iface one of: %s", verb, name, strings.Join(names, ", "))
}

// InterfacesFunc lists the laptop's interfaces (capture.Interfaces; a test
// injects recorded ones).
type InterfacesFunc func() ([]capture.Interface, error)

// JackInterface is the interface a verb listens on: name when given
// (--iface), else the only wired interface with carrier list finds. why
// says how it was chosen, for the progress line. No such interface, or
// several, is a usage error (exit 2) naming what was seen and what to do.
func JackInterface(verb, name string, list InterfacesFunc) (iface, why string, err error) {
	if name != "" {
		return name, "", nil
	}
	if list == nil {
		return "", "", UsageError("%s: --iface is required (the laptop's wired interface)", verb)
	}
	all, err := list()
	if err != nil {
		return "", "", UsageError("%s: the interfaces could not be listed (%v): give --iface NAME", verb, err)
	}
	jack, err := capture.PickJack(all)
	if err != nil {
		return "", "", UsageError("%s: %v", verb, err)
	}
	return jack.Name, "the only wired interface with carrier", nil
}

// Chosen names iface with why it was chosen, when it was not named.
func Chosen(iface, why string) string {
	if why == "" {
		return iface
	}
	return iface + " (" + why + ")"
}
