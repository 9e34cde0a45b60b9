package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/audit"
)

// A real site asks for the same change on hundreds of ports. The report
// scales with what is different, not with the number of ports: ports that
// get exactly the same changes share one line, their names written as
// ranges ("Gi1/0/1–24, Gi1/0/26–48"), and findings repeated on many ports
// share one row the same way.

// changeLine is one line of the plan: a switch-wide change (Ports empty)
// or the changes that every port of Ports gets.
type changeLine struct {
	Ports []string
	// Changes are the port's changes with Port cleared, in apply order.
	Changes []audit.Change
	// Reasons are the ids of the findings the changes fix.
	Reasons []string
}

// changeSignature identifies what a change does, whatever its port and
// reason.
func changeSignature(ch audit.Change) string {
	pol := ""
	if p := ch.Policy; p != nil {
		pol = fmt.Sprintf("%s/%d/%t/%d/%d", p.Application, p.VLAN, p.Tagged, p.Priority, p.DSCP)
	}
	return fmt.Sprintf("%s|%d|%s|%t|%s|%v|%s", ch.Kind, ch.VLAN, ch.Name, ch.Voice, ch.Mode, ch.TaggedVLANs, pol)
}

func kindOrder(k audit.ChangeKind) int {
	if i := slices.Index(audit.ChangeKinds, k); i >= 0 {
		return i
	}
	return len(audit.ChangeKinds)
}

// groupChanges folds a switch's changes into lines: switch-wide changes
// first, one each, then the ports grouped by the exact set of changes they
// get, in port order.
func groupChanges(changes []audit.Change) []changeLine {
	var lines []changeLine
	perPort := map[string][]audit.Change{}
	reasons := map[string][]string{}
	var ports []string
	for _, ch := range changes {
		if ch.Port == "" {
			lines = append(lines, changeLine{Changes: []audit.Change{ch}, Reasons: []string{ch.Reason}})
			continue
		}
		if _, seen := perPort[ch.Port]; !seen {
			ports = append(ports, ch.Port)
		}
		c := ch
		c.Port, c.Reason = "", ""
		perPort[ch.Port] = append(perPort[ch.Port], c)
		if !slices.Contains(reasons[ch.Port], ch.Reason) {
			reasons[ch.Port] = append(reasons[ch.Port], ch.Reason)
		}
	}
	slices.SortFunc(ports, audit.ComparePorts)
	bySig := map[string]int{}
	for _, port := range ports {
		chs := perPort[port]
		slices.SortStableFunc(chs, func(a, b audit.Change) int {
			if c := cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)); c != 0 {
				return c
			}
			return cmp.Compare(changeSignature(a), changeSignature(b))
		})
		sigs := make([]string, len(chs))
		for i, ch := range chs {
			sigs[i] = changeSignature(ch)
		}
		sig := strings.Join(sigs, "\n")
		i, ok := bySig[sig]
		if !ok {
			i = len(lines)
			bySig[sig] = i
			lines = append(lines, changeLine{Changes: chs})
		}
		lines[i].Ports = append(lines[i].Ports, port)
		for _, r := range reasons[port] {
			if !slices.Contains(lines[i].Reasons, r) {
				lines[i].Reasons = append(lines[i].Reasons, r)
			}
		}
	}
	return lines
}

// changeLineText words a plan line: "Ports Gi1/0/1–24 (24 ports) : VLAN
// voix 201 taggué, …" or a switch-wide change as it is.
func (c *Catalog) changeLineText(l changeLine) string {
	var voice []int
	for _, ch := range l.Changes {
		if ch.Kind == audit.ChangeSetVoiceVLAN {
			voice = append(voice, ch.VLAN)
		}
	}
	whats := make([]string, len(l.Changes))
	for i, ch := range l.Changes {
		if ch.Kind == audit.ChangeSetPortMode && len(voice) > 0 {
			// "mode hybride, VLAN voix 201 taggué", not "mode hybride,
			// VLAN 201 taggué, VLAN voix 201 taggué": the voice VLAN
			// change already says it is tagged.
			ch.TaggedVLANs = slices.DeleteFunc(slices.Clone(ch.TaggedVLANs), func(v int) bool { return slices.Contains(voice, v) })
		}
		whats[i] = c.changeWhat(ch)
	}
	what := strings.Join(whats, c.T("list.sep"))
	switch len(l.Ports) {
	case 0:
		return what
	case 1:
		return c.T("change.onPort", "port", l.Ports[0], "what", what)
	}
	return c.T("change.onPorts", "ports", portRanges(l.Ports), "n", c.Int(len(l.Ports)), "what", what)
}

// reasonRequirements are the requirement ids behind a line's reasons
// ("L4, L8"): a finding id starts with its requirement.
func reasonRequirements(reasons []string) string {
	var ids []string
	for _, r := range reasons {
		id, _, _ := strings.Cut(r, "/")
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Compare(slices.Index(RequirementIDs, a), slices.Index(RequirementIDs, b))
	})
	return strings.Join(ids, ", ")
}

// portRanges writes port names as ranges of consecutive numbers under the
// same prefix, in port order: "Gi1/0/1–24, Gi1/0/26–48, Te1/1/1".
func portRanges(ports []string) string {
	sorted := slices.Clone(ports)
	slices.SortFunc(sorted, audit.ComparePorts)
	sorted = slices.Compact(sorted)
	var parts []string
	for i := 0; i < len(sorted); {
		prefix, num, ok := portNumber(sorted[i])
		j := i + 1
		if ok {
			for j < len(sorted) {
				p, n, ok := portNumber(sorted[j])
				if !ok || p != prefix || n != num+(j-i) {
					break
				}
				j++
			}
		}
		if j-i == 1 {
			parts = append(parts, sorted[i])
		} else {
			_, last, _ := portNumber(sorted[j-1])
			parts = append(parts, sorted[i]+"–"+strconv.Itoa(last))
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

// portNumber cuts a port name into its prefix and trailing number.
func portNumber(name string) (prefix string, n int, ok bool) {
	prefix, digits := splitPortName(name)
	if prefix == name || digits == "" {
		return name, 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || (len(digits) > 1 && digits[0] == '0') {
		return name, 0, false
	}
	return prefix, n, true
}

// findingRow is one row of a findings table: a finding, or the same
// finding on several ports of a switch.
type findingRow struct {
	audit.Finding
	// Ports are every port the row stands for (the finding's own port
	// when it stands alone).
	Ports []string
	// Fixes are the row's changes folded as in the plan.
	Fixes []changeLine
}

// PortsText is the row's port cell: ranges when it stands for several.
func (r findingRow) PortsText() string { return portRanges(r.Ports) }

// findingSignature identifies a finding's content whatever its port.
func findingSignature(f audit.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s", f.Switch, f.Requirement, f.Check, f.Status, f.Message.FR, f.Message.EN)
	for _, e := range f.Evidence {
		fmt.Fprintf(&b, "|%s=%s", e.Key, strings.Join(e.Values, "\x1f"))
	}
	for _, ch := range f.Fix {
		b.WriteString("|" + changeSignature(ch))
	}
	return b.String()
}

// groupFindings folds findings that differ only by their port into one
// row, keeping the order of the first of each.
func groupFindings(fs []audit.Finding) []findingRow {
	var rows []findingRow
	index := map[string]int{}
	for _, f := range fs {
		if f.Port == "" {
			rows = append(rows, findingRow{Finding: f})
			continue
		}
		sig := findingSignature(f)
		if i, ok := index[sig]; ok {
			rows[i].Ports = append(rows[i].Ports, f.Port)
			rows[i].Fix = append(rows[i].Fix, f.Fix...)
			continue
		}
		index[sig] = len(rows)
		f.Fix = slices.Clone(f.Fix)
		rows = append(rows, findingRow{Finding: f, Ports: []string{f.Port}})
	}
	for i := range rows {
		rows[i].Fixes = groupChanges(rows[i].Fix)
	}
	return rows
}

// rowFixes words a row's fix, one line per plan line.
func (c *Catalog) rowFixes(r findingRow) []string {
	out := make([]string, len(r.Fixes))
	for i, l := range r.Fixes {
		out[i] = c.changeLineText(l)
	}
	return out
}
