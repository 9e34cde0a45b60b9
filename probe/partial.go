package probe

import (
	"sync"

	"github.com/voxlan/voxlan/snapshot"
)

// Partial is one finished check, reported through Options.OnResult the
// moment it ends, so a UI can fill in its cards before Run returns. Exactly
// one field is set. Run's Result still holds everything, judged.
type Partial struct {
	// DHCP is one VLAN's DHCP window, closed.
	DHCP *snapshot.DHCPVLAN
	// DNS is one name looked up through one server.
	DNS *snapshot.DNSLookup
	// Transport is one gateway or target measured.
	Transport *snapshot.TransportTest
	// Ports are the firewall openings tried, all targets at once.
	Ports []snapshot.PortTest
	// Skipped is a check that will not run, and why.
	Skipped string
}

// serialized wraps f so that the checks, finishing in their own
// goroutines, never call it concurrently; nil stays nil.
func serialized(f func(Partial)) func(Partial) {
	if f == nil {
		return nil
	}
	var mu sync.Mutex
	return func(p Partial) {
		mu.Lock()
		defer mu.Unlock()
		f(p)
	}
}

// report hands a finished check to Options.OnResult, if any. Callers must
// not hold r.mu: the callback may take its time.
func (r *run) report(p Partial) {
	if r.opts.OnResult != nil {
		r.opts.OnResult(p)
	}
}

// reportDHCP reports each VLAN of one DHCP window.
func (r *run) reportDHCP(vlans []snapshot.DHCPVLAN) {
	for i := range vlans {
		v := vlans[i]
		r.report(Partial{DHCP: &v})
	}
}
