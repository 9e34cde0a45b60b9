package clisim

import (
	"slices"
	"strconv"
	"strings"
)

// The VRP interface view. A link type changes only from the old type's
// default VLAN settings ("Error: Please renew the default
// configurations."), and the new type starts from its defaults.

const vrpRenew = "Error: Please renew the default configurations.\n"

// vrpDefault reports whether a port's VLAN settings are its link type's
// defaults (and no voice VLAN).
func vrpDefault(p *VRPPort) bool {
	if p.Voice != 0 || p.PVID != 1 {
		return false
	}
	switch p.LinkType {
	case "trunk":
		return slices.Equal(p.Allow, []int{1})
	case "hybrid":
		return slices.Equal(p.Untagged, []int{1}) && len(p.Tagged) == 0
	}
	return p.Access == 1
}

func (s *vrpShell) portPatterns(lock func(func([]string) string) func([]string) string) []pattern {
	d := s.d
	on := func(f func(p *VRPPort, a []string) string) func([]string) string {
		return lock(func(a []string) string { return f(d.port(s.iface), a) })
	}
	exists := func(ids []int) string {
		for _, id := range ids {
			if _, ok := d.vlans[id]; !ok {
				return "Error: The VLAN " + strconv.Itoa(id) + " does not exist.\n"
			}
		}
		return ""
	}
	vlans := func(arg string) ([]int, string) {
		if arg == "all" {
			return everyVLANList(), ""
		}
		ids, ok := cwVLANs(strings.Fields(arg))
		if !ok {
			return nil, vrpError(0, "Wrong parameter")
		}
		return ids, ""
	}
	need := func(p *VRPPort, kind string) string {
		if p.LinkType != kind {
			return "Error: The port link-type is not " + kind + ".\n"
		}
		return ""
	}
	pvid := func(kind string) func([]string) string {
		return on(func(p *VRPPort, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if bad := need(p, kind) + exists([]int{id}); bad != "" {
				return bad
			}
			p.PVID = id
			return ""
		})
	}
	return []pattern{
		pat("shutdown", on(func(p *VRPPort, _ []string) string { p.Shutdown = true; return "" })),
		pat("undo shutdown", on(func(p *VRPPort, _ []string) string { p.Shutdown = false; return "" })),
		pat("description <rest>", on(func(p *VRPPort, a []string) string { p.Descr = a[0]; return "" })),
		pat("undo description", on(func(p *VRPPort, _ []string) string { p.Descr = ""; return "" })),
		pat("port link-type <word>", on(func(p *VRPPort, a []string) string {
			kind := a[0]
			if kind != "access" && kind != "trunk" && kind != "hybrid" {
				return vrpError(15, "Wrong parameter")
			}
			if kind == p.LinkType {
				return ""
			}
			if !vrpDefault(p) {
				return vrpRenew
			}
			p.LinkType, p.Access, p.PVID, p.Allow, p.Untagged, p.Tagged = kind, 1, 1, nil, nil, nil
			switch kind {
			case "trunk":
				p.Allow = []int{1}
			case "hybrid":
				p.Untagged = []int{1}
			}
			return ""
		})),
		pat("port default vlan <vlan>", on(func(p *VRPPort, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if bad := need(p, "access") + exists([]int{id}); bad != "" {
				return bad
			}
			p.Access = id
			return ""
		})),
		pat("undo port default vlan", on(func(p *VRPPort, _ []string) string { p.Access = 1; return "" })),
		pat("port trunk pvid vlan <vlan>", pvid("trunk")),
		pat("port hybrid pvid vlan <vlan>", pvid("hybrid")),
		pat("undo port trunk pvid vlan", on(func(p *VRPPort, _ []string) string { p.PVID = 1; return "" })),
		pat("undo port hybrid pvid vlan", on(func(p *VRPPort, _ []string) string { p.PVID = 1; return "" })),
		pat("port trunk allow-pass vlan <rest>", on(func(p *VRPPort, a []string) string {
			ids, bad := vlans(a[0])
			if bad == "" && a[0] != "all" {
				bad = exists(ids)
			}
			if bad = need(p, "trunk") + bad; bad != "" {
				return bad
			}
			p.Allow = addInts(p.Allow, ids...)
			return ""
		})),
		pat("undo port trunk allow-pass vlan <rest>", on(func(p *VRPPort, a []string) string {
			ids, bad := vlans(a[0])
			if bad = need(p, "trunk") + bad; bad != "" {
				return bad
			}
			for _, id := range ids {
				p.Allow = deleteInt(p.Allow, id)
			}
			return ""
		})),
		pat("port hybrid tagged vlan <rest>", on(func(p *VRPPort, a []string) string { return vrpHybrid(p, a[0], true, vlans, exists, need) })),
		pat("port hybrid untagged vlan <rest>", on(func(p *VRPPort, a []string) string { return vrpHybrid(p, a[0], false, vlans, exists, need) })),
		pat("undo port hybrid vlan <rest>", on(func(p *VRPPort, a []string) string {
			ids, bad := vlans(a[0])
			if bad = need(p, "hybrid") + bad; bad != "" {
				return bad
			}
			for _, id := range ids {
				p.Untagged, p.Tagged = deleteInt(p.Untagged, id), deleteInt(p.Tagged, id)
			}
			return ""
		})),
		pat("voice-vlan <vlan> enable", on(func(p *VRPPort, a []string) string {
			id, _ := strconv.Atoi(a[0])
			if bad := exists([]int{id}); bad != "" {
				return bad
			}
			p.Voice = id
			return ""
		})),
		pat("undo voice-vlan enable", on(func(p *VRPPort, _ []string) string { p.Voice = 0; return "" })),
		pat("lldp tlv-enable med-tlv network-policy voice-vlan vlan <vlan> cos <n> dscp <n>", on(func(p *VRPPort, a []string) string {
			v, _ := strconv.Atoi(a[0])
			cos, _ := strconv.Atoi(a[1])
			dscp, _ := strconv.Atoi(a[2])
			if cos < 0 || cos > 7 || dscp < 0 || dscp > 63 {
				return vrpError(60, "Wrong parameter")
			}
			p.MED = []int{v, cos, dscp}
			return ""
		})),
		pat("undo lldp tlv-enable med-tlv network-policy", on(func(p *VRPPort, _ []string) string { p.MED = nil; return "" })),
		pat("poe enable", on(func(p *VRPPort, _ []string) string { return vrpPoE(p, false) })),
		pat("undo poe enable", on(func(p *VRPPort, _ []string) string { return vrpPoE(p, true) })),
		pat("lldp admin-status <word>", on(func(p *VRPPort, a []string) string {
			tx, rx := map[string]bool{"txrx": true, "tx": true}[a[0]], map[string]bool{"txrx": true, "rx": true}[a[0]]
			if !tx && !rx && a[0] != "disable" {
				return vrpError(18, "Wrong parameter")
			}
			p.LLDPTxOff, p.LLDPRxOff = !tx, !rx
			return ""
		})),
	}
}

func vrpHybrid(p *VRPPort, arg string, tagged bool, vlans func(string) ([]int, string), exists func([]int) string, need func(*VRPPort, string) string) string {
	ids, bad := vlans(arg)
	if bad == "" {
		bad = need(p, "hybrid") + exists(ids)
	}
	if bad != "" {
		return bad
	}
	for _, id := range ids {
		p.Untagged, p.Tagged = deleteInt(p.Untagged, id), deleteInt(p.Tagged, id)
	}
	if tagged {
		p.Tagged = addInts(p.Tagged, ids...)
	} else {
		p.Untagged = addInts(p.Untagged, ids...)
	}
	return ""
}

func vrpPoE(p *VRPPort, off bool) string {
	if !p.PoE {
		return "Error: The interface does not support PoE.\n"
	}
	p.PoEOff = off
	return ""
}
