package clisim

import (
	"strconv"
	"strings"
)

// The Comware interface view: link type, VLAN membership, voice VLAN, PoE,
// LLDP. A link type change starts from Comware's defaults, trunk and hybrid
// change only through access, and voice VLAN settings change only with the
// port's voice VLAN off.

const cwVoiceFirst = " Please disable the voice VLAN on the port first.\n"

func (s *cwShell) portPatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	port := func() *CWPort { return d.port(s.iface) }
	on := func(f func(p *CWPort, a []string) string) func([]string) string {
		return lock(func(a []string) string { return f(port(), a) })
	}
	exists := func(ids []int) string {
		for _, id := range ids {
			if _, ok := d.vlans[id]; !ok {
				return " The VLAN " + strconv.Itoa(id) + " does not exist.\n"
			}
		}
		return ""
	}
	list := func(line, arg string) ([]int, string) {
		ids, ok := cwVLANs(strings.Fields(arg))
		if !ok {
			return nil, cwError(line, len(line)-len(arg), "Wrong parameter")
		}
		return ids, ""
	}
	need := func(p *CWPort, kind string) string {
		if p.LinkType != kind {
			return " Please set the link type of the port to " + kind + " first.\n"
		}
		return ""
	}
	return []pattern{
		pat("shutdown", on(func(p *CWPort, _ []string) string { p.Shutdown = true; return "" })),
		pat("undo shutdown", on(func(p *CWPort, _ []string) string { p.Shutdown = false; return "" })),
		pat("description <rest>", on(func(p *CWPort, a []string) string { p.Descr = a[0]; return "" })),
		pat("undo description", on(func(p *CWPort, _ []string) string { p.Descr = ""; return "" })),
		pat("port link-mode bridge", on(func(*CWPort, []string) string { return "" })),
		pat("port link-type <word>", on(func(p *CWPort, a []string) string {
			kind := a[0]
			if kind != "access" && kind != "trunk" && kind != "hybrid" {
				return cwError("port link-type "+kind, 15, "Wrong parameter")
			}
			if kind == p.LinkType {
				return ""
			}
			if p.Voice != 0 {
				return cwVoiceFirst
			}
			if kind != "access" && p.LinkType != "access" {
				return " Please set the link type of the port to access first.\n"
			}
			*p = CWPort{Name: p.Name, Descr: p.Descr, Shutdown: p.Shutdown, LinkType: kind, Access: 1, PVID: 1, Manual: p.Manual,
				CoS: p.CoS, DSCP: p.DSCP, PoE: p.PoE, PoEOn: p.PoEOn, LLDPTxOff: p.LLDPTxOff, LLDPRxOff: p.LLDPRxOff, MEDOff: p.MEDOff,
				Neighbor: p.Neighbor}
			switch kind {
			case "trunk":
				p.Permit = []int{1}
			case "hybrid":
				p.Untagged = []int{1}
			}
			return ""
		})),
		pat("port access vlan <vlan>", on(func(p *CWPort, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if bad := need(p, "access") + exists([]int{id}); bad != "" {
				return bad
			}
			p.Access = id
			return ""
		})),
		pat("undo port access vlan", on(func(p *CWPort, _ []string) string { p.Access = 1; return "" })),
		pat("port trunk permit vlan <rest>", on(func(p *CWPort, a []string) string {
			if bad := need(p, "trunk"); bad != "" {
				return bad
			}
			if a[0] == "all" {
				p.Permit = everyVLANList()
				return ""
			}
			ids, bad := list("port trunk permit vlan "+a[0], a[0])
			if bad == "" {
				bad = exists(ids)
			}
			if bad != "" {
				return bad
			}
			p.Permit = addInts(p.Permit, ids...)
			return ""
		})),
		pat("undo port trunk permit vlan <rest>", on(func(p *CWPort, a []string) string {
			if a[0] == "all" {
				p.Permit = nil
				return ""
			}
			ids, bad := list("undo port trunk permit vlan "+a[0], a[0])
			if bad != "" {
				return bad
			}
			for _, id := range ids {
				p.Permit = deleteInt(p.Permit, id)
			}
			return ""
		})),
		pat("port trunk pvid vlan <vlan>", on(func(p *CWPort, a []string) string { return s.setPVID(p, "trunk", a[0]) })),
		pat("port hybrid pvid vlan <vlan>", on(func(p *CWPort, a []string) string { return s.setPVID(p, "hybrid", a[0]) })),
		pat("port hybrid vlan <rest>", on(func(p *CWPort, a []string) string {
			words := strings.Fields(a[0])
			last := words[len(words)-1]
			if last != "tagged" && last != "untagged" {
				return cwError("port hybrid vlan "+a[0], 17+len(a[0]), "Incomplete command")
			}
			ids, bad := list("port hybrid vlan "+a[0], strings.Join(words[:len(words)-1], " "))
			if bad == "" {
				bad = need(p, "hybrid") + exists(ids)
			}
			if bad != "" {
				return bad
			}
			for _, id := range ids {
				p.Untagged, p.Tagged = deleteInt(p.Untagged, id), deleteInt(p.Tagged, id)
			}
			if last == "tagged" {
				p.Tagged = addInts(p.Tagged, ids...)
			} else {
				p.Untagged = addInts(p.Untagged, ids...)
			}
			return ""
		})),
		pat("undo port hybrid vlan <rest>", on(func(p *CWPort, a []string) string {
			ids, bad := list("undo port hybrid vlan "+a[0], a[0])
			if bad == "" {
				bad = need(p, "hybrid")
			}
			if bad != "" {
				return bad
			}
			for _, id := range ids {
				if id == p.Voice {
					return cwVoiceFirst
				}
			}
			for _, id := range ids {
				p.Untagged, p.Tagged = deleteInt(p.Untagged, id), deleteInt(p.Tagged, id)
			}
			return ""
		})),
		pat("voice-vlan <vlan> enable", on(func(p *CWPort, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if bad := exists([]int{id}); bad != "" {
				return bad
			}
			if p.Voice != 0 && p.Voice != id {
				return cwVoiceFirst
			}
			p.Voice = id
			return ""
		})),
		pat("undo voice-vlan enable", on(func(p *CWPort, _ []string) string { p.Voice = 0; return "" })),
		pat("undo voice-vlan mode auto", on(func(p *CWPort, _ []string) string { p.Manual = true; return "" })),
		pat("voice-vlan mode auto", on(func(p *CWPort, _ []string) string { p.Manual = false; return "" })),
		pat("voice-vlan qos <n> <n>", on(func(p *CWPort, a []string) string {
			cos, _ := strconv.Atoi(a[0])
			dscp, _ := strconv.Atoi(a[1])
			if cos < 0 || cos > 7 || dscp < 0 || dscp > 63 {
				return cwError("voice-vlan qos "+a[0]+" "+a[1], 15, "Wrong parameter")
			}
			if p.Voice != 0 {
				return cwVoiceFirst
			}
			p.CoS, p.DSCP = cos, dscp
			return ""
		})),
		pat("undo voice-vlan qos", on(func(p *CWPort, _ []string) string {
			if p.Voice != 0 {
				return cwVoiceFirst
			}
			p.CoS, p.DSCP = -1, -1
			return ""
		})),
		pat("poe enable", on(func(p *CWPort, _ []string) string { return cwPoE(p, true) })),
		pat("undo poe enable", on(func(p *CWPort, _ []string) string { return cwPoE(p, false) })),
		pat("lldp admin-status <word>", on(func(p *CWPort, a []string) string {
			tx, rx := map[string]bool{"txrx": true, "tx": true}[a[0]], map[string]bool{"txrx": true, "rx": true}[a[0]]
			if !tx && !rx && a[0] != "disable" {
				return cwError("lldp admin-status "+a[0], 18, "Wrong parameter")
			}
			p.LLDPTxOff, p.LLDPRxOff = !tx, !rx
			return ""
		})),
		pat("lldp tlv-enable med-tlv network-policy", on(func(p *CWPort, _ []string) string { p.MEDOff = false; return "" })),
		pat("undo lldp tlv-enable med-tlv network-policy", on(func(p *CWPort, _ []string) string { p.MEDOff = true; return "" })),
	}
}

func (s *cwShell) setPVID(p *CWPort, kind, arg string) string {
	if p.LinkType != kind {
		return " Please set the link type of the port to " + kind + " first.\n"
	}
	id, _ := strconv.Atoi(arg)
	if _, ok := s.d.vlans[id]; !ok {
		return " The VLAN " + arg + " does not exist.\n"
	}
	p.PVID = id
	return ""
}

func cwPoE(p *CWPort, on bool) string {
	if !p.PoE {
		return cwError("poe enable", 0, "Unrecognized command")
	}
	p.PoEOn = on
	return ""
}

func everyVLANList() []int {
	all := make([]int, 4094)
	for i := range all {
		all[i] = i + 1
	}
	return all
}
