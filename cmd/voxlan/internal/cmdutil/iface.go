package cmdutil

import (
	"net"
	"strings"
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
