package drivers

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Helpers the OS drivers' show and configuration parsers share.

// SplitLines splits a show output into lines, dropping carriage returns.
func SplitLines(out string) []string {
	return strings.Split(strings.ReplaceAll(out, "\r", ""), "\n")
}

// ParseVLANList reads a VLAN list, "1,12,15,31-36", into IDs. Anything
// else (including "ALL") is an error, so callers can tell "every VLAN"
// apart.
func ParseVLANList(s string) ([]int, error) {
	var ids []int
	for _, part := range strings.Split(strings.TrimSpace(s), ",") {
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 || a > 4094 {
			return nil, fmt.Errorf("bad VLAN %q", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil || b < a || b > 4094 {
				return nil, fmt.Errorf("bad VLAN range %q", part)
			}
		}
		for v := a; v <= b && len(ids) <= 4094; v++ {
			ids = append(ids, v)
		}
	}
	return ids, nil
}

// DashColumns returns [start, end) of each dash run of a table's rule line
// ("------ ----"); end is the start of the next run so values wider than
// their rule still fit.
func DashColumns(rule string) [][2]int {
	var cols [][2]int
	for i := 0; i < len(rule); {
		if rule[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(rule) && rule[j] == '-' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		i = j
	}
	for k := 0; k+1 < len(cols); k++ {
		cols[k][1] = cols[k+1][0]
	}
	return cols
}

// FormatVLANList writes ids as a VLAN list, sorted, runs of three or more
// as ranges ("1,10,20-23"); the inverse of ParseVLANList.
func FormatVLANList(ids []int) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, strconv.Itoa(s[i])+"-"+strconv.Itoa(s[j]))
		case j == i+1:
			parts = append(parts, strconv.Itoa(s[i]), strconv.Itoa(s[j]))
		default:
			parts = append(parts, strconv.Itoa(s[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// ParseVLANWords reads a VLAN list as Comware and VRP write it: numbers
// and "A to B" ranges separated by spaces ("10 20 to 23").
func ParseVLANWords(words []string) ([]int, error) {
	var out []int
	for i := 0; i < len(words); i++ {
		a, err := strconv.Atoi(words[i])
		if err != nil || a < 1 || a > 4094 {
			return nil, fmt.Errorf("bad VLAN %q", words[i])
		}
		b := a
		if i+2 < len(words) && words[i+1] == "to" {
			if b, err = strconv.Atoi(words[i+2]); err != nil || b < a || b > 4094 {
				return nil, fmt.Errorf("bad VLAN range %s to %s", words[i], words[i+2])
			}
			i += 2
		}
		for v := a; v <= b; v++ {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no VLAN")
	}
	return out, nil
}

// FormatVLANWords writes ids as Comware and VRP do: "10 20 to 23".
func FormatVLANWords(ids []int) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(s[i])+" to "+strconv.Itoa(s[j]))
		} else {
			parts = append(parts, strconv.Itoa(s[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

// AllVLANs is every VLAN, 1-4094: a trunk that allows "all" carries them,
// and the port guard then sees a trunk carrying every VLAN.
func AllVLANs() []int {
	all := make([]int, 4094)
	for i := range all {
		all[i] = i + 1
	}
	return all
}

// Without is ids less drop, sorted, each once.
func Without(ids []int, drop ...int) []int {
	var out []int
	for _, v := range ids {
		if !slices.Contains(drop, v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// InterfaceAddress reads an interface's "ip address A.B.C.D MASK" or "ip
// address A.B.C.D/LEN" line (Cisco, AOS-S and most CLIs) and returns the
// address; false for any other line (dhcp, IPv6, "no ip address").
func InterfaceAddress(line string) (string, bool) {
	f := strings.Fields(line)
	if len(f) < 3 || f[0] != "ip" || f[1] != "address" {
		return "", false
	}
	a, _, _ := strings.Cut(f[2], "/")
	ip, err := netip.ParseAddr(a)
	if err != nil || !ip.Is4() {
		return "", false
	}
	return ip.String(), true
}

// Cell is column i of a table row whose columns start at cols (from a
// header's words): from its start to the next column's, trimmed; "" when
// the column is missing or the row ends before it.
func Cell(line string, cols []int, i int) string {
	if i >= len(cols) || cols[i] < 0 || cols[i] >= len(line) {
		return ""
	}
	end := len(line)
	if i+1 < len(cols) && cols[i+1] > cols[i] && cols[i+1] < end {
		end = cols[i+1]
	}
	return strings.TrimSpace(line[cols[i]:end])
}
