package snaptable

import (
	"fmt"
	"github.com/voxlan/voxlan/audit"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/voxlan/voxlan/snapshot"
)

// Write writes a readable per-port summary of every switch: one header
// line per switch, then one line per physical or aggregate port with its
// state, VLANs, voice VLAN, PoE and first neighbour, then the errors.
func Write(w io.Writer, s *snapshot.Snapshot) error {
	ew := &errWriter{w: w}
	for i, sw := range s.Switches {
		if i > 0 {
			ew.printf("\n")
		}
		if sw.SysDescr == "" && sw.SysObjectID == "" && len(sw.Ports) == 0 && len(sw.Errors) > 0 {
			ew.printf("%s  not read\n", sw.Target)
			for _, e := range sw.Errors {
				ew.printf("  error: %s: %s\n", e.Stage, e.Message)
			}
			continue
		}
		name := sw.SysName
		if name == "" {
			name = "(no sysName)"
		}
		ew.printf("%s  %s  %s %s %s  %s\n", name, sw.Target, orDash(sw.Vendor), orDash(sw.Model), orDash(sw.Version), orDash(sw.OS))
		ew.printf("  %d ports (%d interfaces), %d VLANs%s%s\n", audit.SwitchingPorts(&sw), len(sw.Ports), len(sw.VLANs), vlanSummary(sw.VLANs)+unlistedVLANs(sw), poeSummary(sw))
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  PORT\tSTATE\tSPEED\tDUPLEX\tPVID\tUNTAGGED\tTAGGED\tVOICE\tPOE\tNEIGHBOR\tALIAS")
		for _, p := range sw.Ports {
			if !shownPort(p) {
				continue
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
				orDash(p.Name), state(p), linkSpeed(p), p.Duplex, intOrDash(p.PVID),
				vlanList(p.UntaggedVLANs), vlanList(p.TaggedVLANs), intOrDash(p.VoiceVLAN),
				poe(p.PoE), neighbor(p.Neighbors), orDash(p.Alias))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, e := range sw.Errors {
			ew.printf("  error: %s: %s\n", e.Stage, e.Message)
		}
	}
	if len(s.Errors) > 0 {
		if len(s.Switches) > 0 {
			ew.printf("\n")
		}
		for _, e := range s.Errors {
			ew.printf("not read: %s\n", e.Error())
		}
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, a ...any) { fmt.Fprintf(e, format, a...) }

// shownPort keeps the ports a technician patches: Ethernet and aggregates.
// VLAN interfaces, loopbacks, tunnels and ports whose hardware is absent
// stay in the JSON only.
func shownPort(p snapshot.Port) bool {
	if p.NotPresent {
		return false
	}
	switch p.Type {
	case "ethernetCsmacd", "gigabitEthernet", "ieee8023adLag", "":
		return true
	}
	return p.BridgePort != 0
}

func state(p snapshot.Port) string {
	switch {
	case !p.AdminUp:
		return "disabled"
	case p.OperUp:
		return "up"
	}
	return "down"
}

// linkSpeed shows the speed of a link that is up only: on a port that is
// down most agents report the configured or last speed, which is not a link.
func linkSpeed(p snapshot.Port) string {
	if !p.OperUp {
		return "-"
	}
	return speed(p.SpeedMbps)
}

func speed(mbps int) string {
	switch {
	case mbps <= 0:
		return "-"
	case mbps >= 1000 && mbps%1000 == 0:
		return strconv.Itoa(mbps/1000) + "G"
	}
	return strconv.Itoa(mbps) + "M"
}

func poe(p *snapshot.PortPoE) string {
	if p == nil {
		return "-"
	}
	if !p.AdminEnabled {
		return "off"
	}
	s := p.Detection
	if p.PowerMw > 0 {
		s += fmt.Sprintf(" %.1fW", float64(p.PowerMw)/1000)
	}
	return s
}

func neighbor(ns []snapshot.Neighbor) string {
	if len(ns) == 0 {
		return "-"
	}
	n := ns[0]
	who := n.SysName
	if who == "" {
		who = n.ChassisID
	}
	if n.PortID != "" {
		who += " " + n.PortID
	}
	if len(n.Capabilities) > 0 {
		who += " [" + strings.Join(n.Capabilities, ",") + "]"
	}
	if len(ns) > 1 {
		who += fmt.Sprintf(" (+%d)", len(ns)-1)
	}
	return n.Protocol + ":" + who
}

// vlanList prints VLAN ids compactly: 1,5,10-20.
func vlanList(ids []int) string {
	if len(ids) == 0 {
		return "-"
	}
	var b strings.Builder
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(ids[i]))
		if j > i {
			b.WriteString("-" + strconv.Itoa(ids[j]))
		}
		i = j + 1
	}
	return b.String()
}

func vlanSummary(vs []snapshot.VLAN) string {
	if len(vs) == 0 {
		return ""
	}
	ids := make([]int, len(vs))
	var voice []string
	for i, v := range vs {
		ids[i] = v.ID
		if v.Voice {
			voice = append(voice, strconv.Itoa(v.ID))
		}
	}
	s := " (" + vlanList(ids) + ")"
	if len(voice) > 0 {
		s += ", voice VLAN " + strings.Join(voice, ",")
	}
	return s
}

// unlistedVLANs names the VLANs the ports use that the VLAN table read
// lacks (a 2960-X whose table came back with VLAN 1 only while its ports
// sit in 511-776), so "1 VLANs" is never read as the whole story.
func unlistedVLANs(sw snapshot.Switch) string {
	listed := map[int]bool{}
	for _, v := range sw.VLANs {
		listed[v.ID] = true
	}
	seen := map[int]bool{}
	var ids []int
	add := func(id int) {
		if id > 0 && !listed[id] && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range sw.Ports {
		add(p.PVID)
		add(p.VoiceVLAN)
		for _, id := range p.UntaggedVLANs {
			add(id)
		}
		for _, id := range p.TaggedVLANs {
			add(id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	slices.Sort(ids)
	return "; ports also in " + vlanList(ids) + ", missing from the VLAN table read"
}

// poeSummary is the switch's PoE in a few words; PoE that was not read
// (no PoE table over SNMP, a failed walk) is said so, never "no PoE".
func poeSummary(sw snapshot.Switch) string {
	p := sw.PoE
	if !p.Supported {
		if sw.Source == snapshot.SourceCLI && !slices.ContainsFunc(sw.Errors, func(e snapshot.Error) bool { return e.Stage == "poe" }) {
			return ", no PoE"
		}
		return ", PoE not read"
	}
	var power, used float64
	for _, pse := range p.PSEs {
		power += pse.PowerW
		used += pse.ConsumptionW
	}
	s := ", PoE"
	if power > 0 {
		s = fmt.Sprintf(", PoE %.0f/%.0f W", used, power)
	}
	if p.PortsNotRead {
		s += " (ports' PoE not read)"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func intOrDash(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}
