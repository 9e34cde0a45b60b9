package aruba_aoss

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// splitPort cuts a port name into its prefix and trailing number: "A1" ->
// ("A", 1), "1/24" -> ("1/", 24), "Trk1" -> ("Trk", 1), "7" -> ("", 7).
func splitPort(name string) (string, int, bool) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i == len(name) || len(name)-i > 4 {
		return "", 0, false
	}
	n, err := strconv.Atoi(name[i:])
	return name[:i], n, err == nil && n > 0
}

// ParsePortList expands an AOS-S port list ("1-24,A1,A3-A4", "1/1-1/24,Trk1")
// into port names, in the order written.
func ParsePortList(s string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(strings.TrimSpace(s), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			pre, n, ok := splitPort(part)
			if !ok {
				return nil, fmt.Errorf("bad port %q", part)
			}
			out = append(out, pre+strconv.Itoa(n)) // "01" is port 1
			continue
		}
		pa, a, ok1 := splitPort(lo)
		pb, b, ok2 := splitPort(hi)
		if !ok1 || !ok2 || pa != pb || b < a || b-a > 1024 {
			return nil, fmt.Errorf("bad port range %q", part)
		}
		for n := a; n <= b; n++ {
			out = append(out, pa+strconv.Itoa(n))
		}
		if len(out) > 8192 {
			return nil, fmt.Errorf("port list %q too long", s)
		}
	}
	return out, nil
}

// comparePorts orders "2" before "10", numbers before "A1", "1/2" before
// "1/10", as AOS-S lists ports.
func comparePorts(a, b string) int {
	pa, na, oka := splitPort(a)
	pb, nb, okb := splitPort(b)
	if !oka || !okb {
		return strings.Compare(a, b)
	}
	if pa != pb {
		// Plain numbers first, then stack members "1/", then modules "A".
		rank := func(p string) int {
			switch {
			case p == "":
				return 0
			case p[0] >= '0' && p[0] <= '9':
				return 1
			case strings.HasPrefix(p, "Trk"):
				return 3
			}
			return 2
		}
		if ra, rb := rank(pa), rank(pb); ra != rb {
			return ra - rb
		}
		if len(pa) != len(pb) {
			return len(pa) - len(pb)
		}
		return strings.Compare(pa, pb)
	}
	return na - nb
}

// FormatPortList writes ports as AOS-S does: sorted, consecutive numbers of
// one prefix as a range ("1-3,5,A1-A2").
func FormatPortList(ports []string) string {
	ps := slices.Clone(ports)
	slices.SortFunc(ps, comparePorts)
	ps = slices.Compact(ps)
	var parts []string
	for i := 0; i < len(ps); {
		pre, n, ok := splitPort(ps[i])
		j := i + 1
		if ok {
			for j < len(ps) {
				p2, n2, ok2 := splitPort(ps[j])
				if !ok2 || p2 != pre || n2 != n+(j-i) {
					break
				}
				j++
			}
		}
		if j-i > 1 {
			parts = append(parts, ps[i]+"-"+ps[j-1])
		} else {
			parts = append(parts, ps[i])
		}
		i = j
	}
	return strings.Join(parts, ",")
}

// CanonicalPort implements the optional port-name hook of drivers/apply:
// AOS-S names are already short ("5", "A1", "1/5"); "ethernet 5" and
// "eth-5" as some tools write them become "5".
func (Driver) CanonicalPort(name string) string {
	n := strings.TrimSpace(name)
	for _, p := range []string{"ethernet ", "Ethernet ", "eth-", "ETH-"} {
		n = strings.TrimPrefix(n, p)
	}
	return n
}
