package probe

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/profile"
)

// What a profile asks the field probe to check. `voxlan probe` and the
// UI's Here screen build their Options from these, so both try the same
// ports, resolve the same names and judge with the same thresholds.

// maxPortsPerRange bounds how many ports of one range are tried: a range
// of the profile (5228-5230) is tried whole when short, else by its first
// and last port, so a probe never turns into a port scan.
const maxPortsPerRange = 8

// TCPOpenings lists the TCP ports of a profile's firewall openings, each
// once, named after the openings that need it.
func TCPOpenings(p *profile.Profile) []PortSpec {
	var out []PortSpec
	index := map[int]int{}
	add := func(port int, name string) {
		if i, ok := index[port]; ok {
			if !slices.Contains(strings.Split(out[i].Opening, ", "), name) {
				out[i].Opening += ", " + name
			}
			return
		}
		index[port] = len(out)
		out = append(out, PortSpec{Port: port, Opening: name})
	}
	for _, o := range p.Firewall {
		if !strings.EqualFold(o.Protocol, "tcp") {
			continue
		}
		for _, spec := range o.Ports {
			lo, hi, err := portRange(spec)
			if err != nil {
				continue // the profile loader validates; skip what it let through
			}
			if hi-lo+1 <= maxPortsPerRange {
				for port := lo; port <= hi; port++ {
					add(port, o.Name)
				}
			} else {
				add(lo, o.Name)
				add(hi, o.Name)
			}
		}
	}
	return out
}

// DNSNames lists the names to resolve: the profile's dns.names, then the
// resolve names it does not already list (case and a trailing dot
// ignored), each once.
func DNSNames(p *profile.Profile, resolve []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range slices.Concat(p.DNS.Names, resolve) {
		key := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n), "."))
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, strings.TrimSpace(n))
	}
	return out
}

// ThresholdsOf is the profile's transport limits.
func ThresholdsOf(p *profile.Profile) Thresholds {
	return Thresholds{MaxOneWayMs: p.Transport.MaxLatencyMs, MaxJitterMs: p.Transport.MaxJitterMs,
		MaxLossPercent: p.Transport.MaxLossPercent}
}

// ParsePorts reads a list of TCP ports given by hand ("443,5061,5228-5230"),
// each named after opening; a range longer than a probe tries is refused.
func ParsePorts(s, opening string) ([]PortSpec, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []PortSpec
	for _, part := range strings.Split(s, ",") {
		lo, hi, err := portRange(part)
		if err != nil {
			return nil, err
		}
		if hi-lo+1 > maxPortsPerRange {
			return nil, fmt.Errorf("range %q has more than %d ports; voxlan does not scan", part, maxPortsPerRange)
		}
		for p := lo; p <= hi; p++ {
			out = append(out, PortSpec{Port: p, Opening: opening})
		}
	}
	return out, nil
}

func portRange(spec string) (int, int, error) {
	a, b, isRange := strings.Cut(spec, "-")
	lo, err := strconv.Atoi(strings.TrimSpace(a))
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a port", spec)
	}
	hi := lo
	if isRange {
		if hi, err = strconv.Atoi(strings.TrimSpace(b)); err != nil {
			return 0, 0, fmt.Errorf("%q is not a port range", spec)
		}
	}
	if lo < 1 || hi > 65535 || hi < lo {
		return 0, 0, fmt.Errorf("%q is outside 1-65535", spec)
	}
	return lo, hi, nil
}
