package aruba_aoss

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// VLANEntry is one row of `show vlans`.
type VLANEntry struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Voice  bool   `json:"voice"`
	Jumbo  bool   `json:"jumbo"`
}

// ParseVLANs reads `show vlans` ("802.1Q VLAN ID Name Status Voice Jumbo"
// or "VLAN ID Name Status Voice"). Columns come from the dashed rule, so a
// name with spaces stays one name.
func ParseVLANs(out string) ([]VLANEntry, error) {
	res := []VLANEntry{}
	inTable := false
	var cols [][2]int
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		switch {
		case strings.Contains(trim, "VLAN ID") && strings.Contains(trim, "Name"):
			inTable, cols = true, nil
			continue
		case inTable && cols == nil && strings.HasPrefix(trim, "---"):
			cols = ruleColumns(line)
			continue
		case trim == "":
			continue
		}
		if cols == nil {
			continue
		}
		get := func(i int) string {
			if i >= len(cols) || cols[i][0] >= len(line) {
				return ""
			}
			end := cols[i][1]
			if i == len(cols)-1 || end > len(line) {
				end = len(line)
			}
			return strings.TrimSpace(line[cols[i][0]:end])
		}
		id, err := strconv.Atoi(get(0))
		if err != nil || id < 1 || id > 4094 || len(cols) < 4 {
			return nil, fmt.Errorf("aruba_aoss: show vlans: bad row %q", trim)
		}
		e := VLANEntry{ID: id, Name: get(1), Status: get(2), Voice: get(3) == "Yes", Jumbo: get(4) == "Yes"}
		res = append(res, e)
	}
	if !inTable && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("aruba_aoss: show vlans: no \"VLAN ID Name\" header; is this the right command's output?")
	}
	return res, nil
}

// PortStatus is one row of `show interfaces brief`.
type PortStatus struct {
	Port string `json:"port"`
	// Trunk is the trunk group from "1/28-Trk1", "" when none.
	Trunk   string `json:"trunk,omitempty"`
	Type    string `json:"type"`
	Alert   bool   `json:"alert"`
	Enabled bool   `json:"enabled"`
	Up      bool   `json:"up"`
	// Mode is "1000FDx", "100FDx", "10GigFD", "." when unknown.
	Mode string `json:"mode"`
}

// ParseInterfacesBrief reads `show interfaces brief`: port, type, then
// after the "|" intrusion alert, enabled, status and mode (the type column
// is blank for empty transceiver slots).
func ParseInterfacesBrief(out string) ([]PortStatus, error) {
	res := []PortStatus{}
	inTable := false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "Port ") && strings.Contains(trim, "Type") {
			inTable = true
			continue
		}
		left, right, ok := strings.Cut(trim, "|")
		if !inTable || !ok || strings.HasPrefix(trim, "---") {
			continue
		}
		lf, rf := strings.Fields(left), strings.Fields(right)
		if len(lf) == 0 || len(rf) < 3 {
			return nil, fmt.Errorf("aruba_aoss: show interfaces brief: bad row %q", trim)
		}
		// "A8*": a third-party transceiver; "2500FDx*": overridden by RADIUS.
		ps := PortStatus{Port: strings.TrimSuffix(lf[0], "*"), Alert: rf[0] == "Yes", Enabled: rf[1] == "Yes", Up: rf[2] == "Up"}
		if p, trk, ok := strings.Cut(ps.Port, "-Trk"); ok {
			ps.Port, ps.Trunk = p, "Trk"+trk
		}
		if len(lf) > 1 {
			ps.Type = strings.Join(lf[1:], " ")
		}
		if len(rf) > 3 {
			ps.Mode = strings.TrimSuffix(rf[3], "*")
		}
		res = append(res, ps)
	}
	if !inTable && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("aruba_aoss: show interfaces brief: no \"Port Type\" header; is this the right command's output?")
	}
	return res, nil
}

// PoEPort is one port row of `show power-over-ethernet brief`.
type PoEPort struct {
	Port      string  `json:"port"`
	Enabled   bool    `json:"enabled"`
	Priority  string  `json:"priority"`
	AllocBy   string  `json:"allocBy"`
	AllocW    float64 `json:"allocW"`
	ActualW   float64 `json:"actualW"`
	Detection string  `json:"detection"`
	// Class is -1 when not shown.
	Class int `json:"class"`
}

// PoEBrief is `show power-over-ethernet brief`.
type PoEBrief struct {
	AvailableW float64   `json:"availableW"`
	UsedW      float64   `json:"usedW"`
	RemainingW float64   `json:"remainingW"`
	Ports      []PoEPort `json:"ports"`
}

// ParsePoEBrief reads `show power-over-ethernet brief`: the
// "Available: 370 W  Used: 7 W  Remaining: 363 W" line and the port table
// ("1 | Yes low usage 17 W 0.0 W Searching 0"; the Configured Type column
// is usually blank).
func ParsePoEBrief(out string) (*PoEBrief, error) {
	res := &PoEBrief{Ports: []PoEPort{}}
	seen := false
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "Available:") {
			seen = true
			f := strings.Fields(trim)
			for i := 0; i+1 < len(f); i++ {
				v, err := strconv.ParseFloat(f[i+1], 64)
				if err != nil {
					continue
				}
				switch f[i] {
				case "Available:":
					res.AvailableW = v
				case "Used:":
					res.UsedW = v
				case "Remaining:":
					res.RemainingW = v
				}
			}
			continue
		}
		if strings.HasPrefix(trim, "Port ") && strings.Contains(trim, "|") {
			seen = true
			continue
		}
		left, right, ok := strings.Cut(trim, "|")
		lf, rf := strings.Fields(left), strings.Fields(right)
		if !ok || len(lf) != 1 || len(rf) < 7 || (rf[0] != "Yes" && rf[0] != "No") {
			continue
		}
		p := PoEPort{Port: lf[0], Enabled: rf[0] == "Yes", Priority: rf[1], AllocBy: rf[2], Class: -1}
		var err1, err2 error
		p.AllocW, err1 = strconv.ParseFloat(rf[3], 64)
		p.ActualW, err2 = strconv.ParseFloat(rf[5], 64)
		if err1 != nil || err2 != nil || rf[4] != "W" || rf[6] != "W" {
			return nil, fmt.Errorf("aruba_aoss: show power-over-ethernet brief: bad row %q", trim)
		}
		rest := rf[7:]
		if n := len(rest); n > 0 {
			if c, err := strconv.Atoi(rest[n-1]); err == nil {
				p.Class, rest = c, rest[:n-1]
			}
		}
		if n := len(rest); n > 0 {
			p.Detection = rest[n-1]
			if n > 1 && (rest[n-2] == "Other" || rest[n-2] == "MPS") {
				p.Detection = rest[n-2] + " " + rest[n-1]
			}
		}
		res.Ports = append(res.Ports, p)
	}
	if !seen && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("aruba_aoss: show power-over-ethernet brief: no \"Available:\" line or port table; is this the right command's output?")
	}
	return res, nil
}
