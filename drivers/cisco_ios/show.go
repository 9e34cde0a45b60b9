package cisco_ios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// Switchport is one interface of `show interfaces switchport`.
type Switchport struct {
	Interface string `json:"interface"`
	// AdminMode / OperMode as printed: "static access", "trunk",
	// "dynamic auto", "down"...
	AdminMode  string `json:"adminMode"`
	OperMode   string `json:"operMode"`
	AccessVLAN int    `json:"accessVlan"`
	NativeVLAN int    `json:"nativeVlan"`
	// VoiceVLAN is 0 for "none".
	VoiceVLAN int `json:"voiceVlan"`
	// TrunkVLANs is the "Trunking VLANs Enabled" list; TrunkAll is "ALL".
	TrunkVLANs []int `json:"trunkVlans,omitempty"`
	TrunkAll   bool  `json:"trunkAll"`
}

// ParseSwitchport reads `show interfaces switchport` (one or all ports).
func ParseSwitchport(out string) ([]Switchport, error) {
	var res []Switchport
	var cur *Switchport
	lastKey := ""
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimRight(raw, " ")
		key, val, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			// Continuation of a wrapped VLAN list ("     900,910,920").
			if cur != nil && lastKey == "Trunking VLANs Enabled" && strings.TrimSpace(line) != "" {
				if err := addTrunkList(cur, strings.TrimSpace(line)); err != nil {
					return nil, err
				}
			}
			continue
		}
		val = strings.TrimSpace(val)
		lastKey = key
		if key == "Name" {
			res = append(res, Switchport{Interface: val})
			cur = &res[len(res)-1]
			continue
		}
		if cur == nil {
			continue
		}
		var err error
		switch key {
		case "Administrative Mode":
			cur.AdminMode = val
		case "Operational Mode":
			cur.OperMode = val
		case "Access Mode VLAN":
			cur.AccessVLAN, err = leadingVLAN(val)
		case "Trunking Native Mode VLAN":
			cur.NativeVLAN, err = leadingVLAN(val)
		case "Voice VLAN":
			cur.VoiceVLAN, err = leadingVLAN(val)
		case "Trunking VLANs Enabled":
			err = addTrunkList(cur, val)
		}
		if err != nil {
			return nil, fmt.Errorf("cisco_ios: show interfaces switchport: %s: %s: %w", cur.Interface, key, err)
		}
	}
	if len(res) == 0 && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("cisco_ios: show interfaces switchport: no \"Name:\" line; is this the right command's output?")
	}
	return res, nil
}

func addTrunkList(sp *Switchport, val string) error {
	val = strings.TrimSuffix(strings.TrimSpace(val), ",")
	switch strings.ToUpper(val) {
	case "ALL":
		sp.TrunkAll = true
		return nil
	case "NONE", "":
		return nil
	}
	ids, err := drivers.ParseVLANList(val)
	sp.TrunkVLANs = append(sp.TrunkVLANs, ids...)
	return err
}

// leadingVLAN reads "100 (data)", "none", "unassigned", "1 (default)".
func leadingVLAN(val string) (int, error) {
	f := strings.Fields(val)
	if len(f) == 0 || f[0] == "none" || f[0] == "unassigned" || f[0] == "dot1p" || f[0] == "untagged" {
		return 0, nil
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 0 || n > 4095 {
		return 0, fmt.Errorf("bad VLAN %q", val)
	}
	return n, nil
}

// VLANEntry is one row of `show vlan [brief]`.
type VLANEntry struct {
	ID     int      `json:"id"`
	Name   string   `json:"name"`
	Status string   `json:"status"`
	Ports  []string `json:"ports"`
}

// ParseVLANs reads the first table of `show vlan` or `show vlan brief`.
func ParseVLANs(out string) ([]VLANEntry, error) {
	var res []VLANEntry
	inTable := false
	for _, line := range drivers.SplitLines(out) {
		switch {
		case strings.HasPrefix(line, "VLAN Name"):
			inTable = true
			continue
		case strings.HasPrefix(line, "----"):
			continue
		case strings.TrimSpace(line) == "":
			if inTable && len(res) > 0 {
				return res, nil
			}
			continue
		}
		if !inTable {
			continue
		}
		if line[0] == ' ' {
			if len(res) > 0 {
				res[len(res)-1].Ports = append(res[len(res)-1].Ports, splitPorts(line)...)
			}
			continue
		}
		f := strings.Fields(line)
		id, err := strconv.Atoi(f[0])
		if err != nil || id < 1 || id > 4094 || len(f) < 3 {
			return nil, fmt.Errorf("cisco_ios: show vlan: bad row %q", line)
		}
		e := VLANEntry{ID: id, Name: f[1], Status: f[2], Ports: []string{}}
		if len(f) > 3 {
			e.Ports = splitPorts(strings.Join(f[3:], " "))
		}
		res = append(res, e)
	}
	if !inTable && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("cisco_ios: show vlan: no \"VLAN Name\" header; is this the right command's output?")
	}
	return res, nil
}

func splitPorts(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// PowerPort is one port row of `show power inline`.
type PowerPort struct {
	Interface string  `json:"interface"`
	Admin     string  `json:"admin"`
	Oper      string  `json:"oper"`
	PowerW    float64 `json:"powerW"`
	Device    string  `json:"device"`
	// Class is -1 when "n/a" or absent.
	Class int     `json:"class"`
	MaxW  float64 `json:"maxW"`
}

// PowerModule is one row of the budget table.
type PowerModule struct {
	Module     string  `json:"module"`
	AvailableW float64 `json:"availableW"`
	UsedW      float64 `json:"usedW"`
	RemainingW float64 `json:"remainingW"`
}

// PowerInline is `show power inline`.
type PowerInline struct {
	Modules []PowerModule `json:"modules"`
	Ports   []PowerPort   `json:"ports"`
}

// ParsePowerInline reads `show power inline`. Column positions come from
// the dashed rule under each header, because the Device column holds
// spaces ("IP Phone 8841").
func ParsePowerInline(out string) (*PowerInline, error) {
	res := &PowerInline{Modules: []PowerModule{}, Ports: []PowerPort{}}
	table := ""
	var cols [][2]int
	// Column of power, device, class, max in the port table; Catalyst
	// 4500/6500 print "From PS" and "To Device" power columns and no Max.
	idx := [4]int{3, 4, 5, 6}
	for _, line := range drivers.SplitLines(out) {
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trim, "%No inline power"):
			return res, nil
		case strings.HasPrefix(line, "Module"):
			table, cols = "module", nil
			continue
		case strings.HasPrefix(line, "Interface"):
			table, cols = "port", nil
			idx = [4]int{3, 4, 5, 6}
			continue
		case table == "port" && cols == nil && strings.Contains(line, "From PS"):
			idx = [4]int{4, 5, 6, 7}
			continue
		case strings.HasPrefix(line, "---"):
			if cols == nil {
				cols = drivers.DashColumns(line)
			}
			continue
		case trim == "" || strings.HasPrefix(trim, "(Watts)") || strings.HasPrefix(line, "Totals"):
			continue
		}
		if cols == nil {
			continue
		}
		f := strings.Fields(line)
		switch table {
		case "module":
			if len(f) < 4 {
				continue
			}
			m := PowerModule{Module: f[0]}
			m.AvailableW, _ = strconv.ParseFloat(f[1], 64)
			m.UsedW, _ = strconv.ParseFloat(f[2], 64)
			m.RemainingW, _ = strconv.ParseFloat(f[3], 64)
			res.Modules = append(res.Modules, m)
		case "port":
			if len(f) < 3 {
				continue
			}
			p := PowerPort{Interface: f[0], Admin: f[1], Oper: f[2], Class: -1}
			get := func(i int) string {
				if i >= len(cols) {
					return ""
				}
				a, b := cols[i][0], cols[i][1]
				if i == len(cols)-1 {
					b = len(line)
				}
				if a >= len(line) {
					return ""
				}
				return strings.TrimSpace(line[a:min(b, len(line))])
			}
			p.PowerW, _ = strconv.ParseFloat(get(idx[0]), 64)
			if d := get(idx[1]); d != "n/a" {
				p.Device = d
			}
			if c, err := strconv.Atoi(get(idx[2])); err == nil {
				p.Class = c
			}
			p.MaxW, _ = strconv.ParseFloat(get(idx[3]), 64)
			res.Ports = append(res.Ports, p)
		}
	}
	if table == "" && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("cisco_ios: show power inline: no Module or Interface table; is this the right command's output?")
	}
	return res, nil
}
