package cisco_sb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/drivers"
)

// VLANEntry is one row of SB's `show vlan`.
type VLANEntry struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	// Ports are the member ports as printed, ranges kept ("fa1-2", "gi1").
	Ports []string `json:"ports"`
	// CreatedBy is D (default), S (static), G (GVRP), R (RADIUS), V (voice).
	CreatedBy string `json:"createdBy"`
}

// ParseVLANs reads `show vlan`. Columns come from the dashed rule under the
// header, because long names and port lists wrap onto continuation lines
// whose VLAN column is empty.
func ParseVLANs(out string) ([]VLANEntry, error) {
	var res []VLANEntry
	var t table
	for _, line := range drivers.SplitLines(out) {
		if t.cols == nil {
			if strings.HasPrefix(line, "Vlan ") && strings.Contains(line, "Name") {
				t.header = line
			} else if t.header != "" && strings.HasPrefix(line, "----") {
				t.setRule(line)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if id := t.cell(line, "Vlan"); id != "" {
			n, err := strconv.Atoi(id)
			if err != nil || n < 1 || n > 4094 {
				return nil, fmt.Errorf("cisco_sb: show vlan: bad row %q", line)
			}
			res = append(res, VLANEntry{ID: n, Ports: []string{}})
		} else if len(res) == 0 {
			return nil, fmt.Errorf("cisco_sb: show vlan: continuation line before any VLAN: %q", line)
		}
		e := &res[len(res)-1]
		e.Name += t.cell(line, "Name")
		e.CreatedBy += t.cell(line, "Created by")
		for _, col := range []string{"Ports", "Tagged Ports", "UnTagged Ports"} {
			e.Ports = append(e.Ports, splitList(t.cell(line, col))...)
		}
	}
	if t.cols == nil && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("cisco_sb: show vlan: no \"Vlan Name\" header; is this the right command's output?")
	}
	return res, nil
}

// Switchport is `show interfaces switchport PORT`.
type Switchport struct {
	Interface string `json:"interface"`
	// Mode is "access", "trunk", "general", "customer" (lower case).
	Mode string `json:"mode"`
	// PVID is the untagged VLAN ingress frames go to (access VLAN, native
	// VLAN or general PVID).
	PVID     int   `json:"pvid"`
	Untagged []int `json:"untagged"`
	Tagged   []int `json:"tagged"`
}

// ParseSwitchport reads `show interfaces switchport PORT` in both SB
// layouts: Sx300 ("Port : fa1", "Port Mode: Trunk", a membership table with
// an egress rule per VLAN) and Sx350/CBS ("Name: gi8", "Administrative
// Mode: access", "General PVID:"...). Several outputs may be concatenated.
func ParseSwitchport(out string) ([]Switchport, error) {
	var res []Switchport
	var cur *Switchport
	inMembers, cbs := false, false
	var access, native, pvid int
	var generalAll, generalTagged []int
	finishCBS := func() {
		if cur == nil || cur.Mode == "" || !cbs {
			return
		}
		switch cur.Mode {
		case "access":
			cur.PVID, cur.Untagged = access, []int{access}
		case "trunk":
			cur.PVID, cur.Untagged = native, []int{native}
		case "general":
			cur.PVID, cur.Tagged = pvid, generalTagged
			for _, v := range generalAll {
				if !contains(generalTagged, v) {
					cur.Untagged = append(cur.Untagged, v)
				}
			}
		}
	}
	for _, raw := range drivers.SplitLines(out) {
		line := strings.TrimSpace(raw)
		key, val, ok := strings.Cut(line, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if ok && (key == "Port" || key == "Name") {
			finishCBS()
			res = append(res, Switchport{Interface: val, Untagged: []int{}, Tagged: []int{}})
			cur, inMembers, cbs = &res[len(res)-1], false, key == "Name"
			access, native, pvid, generalAll, generalTagged = 1, 1, 1, nil, nil
			continue
		}
		if cur == nil {
			continue
		}
		if strings.HasPrefix(line, "Vlan") && strings.Contains(line, "Egress rule") {
			inMembers = true
			continue
		}
		if inMembers {
			f := strings.Fields(line)
			if len(f) == 0 || strings.HasPrefix(line, "----") {
				if len(f) == 0 && len(cur.Untagged)+len(cur.Tagged) > 0 {
					inMembers = false
				}
				continue
			}
			id, err := strconv.Atoi(f[0])
			if err != nil || id < 1 || id > 4094 || len(f) < 3 {
				return nil, fmt.Errorf("cisco_sb: show interfaces switchport %s: bad membership row %q", cur.Interface, line)
			}
			switch f[len(f)-2] {
			case "Tagged":
				cur.Tagged = append(cur.Tagged, id)
			case "Untagged":
				cur.Untagged = append(cur.Untagged, id)
			default:
				return nil, fmt.Errorf("cisco_sb: show interfaces switchport %s: bad egress rule in %q", cur.Interface, line)
			}
			continue
		}
		if !ok {
			continue
		}
		var err error
		switch key {
		case "Port Mode", "Administrative Mode":
			cur.Mode = strings.ToLower(val)
		case "Ingress UnTagged VLAN ( NATIVE )":
			cur.PVID, err = vlanNumber(val)
		case "Access Mode VLAN":
			access, err = vlanNumber(val)
		case "Trunking Native Mode VLAN":
			native, err = vlanNumber(val)
		case "General PVID":
			pvid, err = vlanNumber(val)
		case "General VLANs":
			generalAll, err = listOrNone(val)
		case "General Egress Tagged VLANs":
			generalTagged, err = listOrNone(val)
		}
		if err != nil {
			return nil, fmt.Errorf("cisco_sb: show interfaces switchport %s: %s: %w", cur.Interface, key, err)
		}
	}
	finishCBS()
	if len(res) == 0 && strings.TrimSpace(out) != "" {
		return nil, fmt.Errorf("cisco_sb: show interfaces switchport: no \"Port :\" or \"Name:\" line; is this the right command's output?")
	}
	return res, nil
}

func vlanNumber(val string) (int, error) {
	f := strings.Fields(val)
	if len(f) == 0 || f[0] == "none" {
		return 0, nil
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 || n > 4094 {
		return 0, fmt.Errorf("bad VLAN %q", val)
	}
	return n, nil
}

func listOrNone(val string) ([]int, error) {
	if val == "none" || val == "" {
		return nil, nil
	}
	return drivers.ParseVLANList(strings.Fields(val)[0])
}

func contains(ids []int, v int) bool {
	for _, x := range ids {
		if x == v {
			return true
		}
	}
	return false
}

// table reads SB's fixed-width tables: column spans from the dashed rule,
// names from the header text above each span.
type table struct {
	header string
	cols   map[string][2]int
}

func (t *table) setRule(rule string) {
	t.cols = map[string][2]int{}
	spans := drivers.DashColumns(rule)
	for i, s := range spans {
		end := s[1]
		if i == len(spans)-1 {
			end = len(t.header)
		}
		name := ""
		if s[0] < len(t.header) {
			name = strings.Join(strings.Fields(t.header[s[0]:min(end, len(t.header))]), " ")
		}
		if i == len(spans)-1 {
			s[1] = 1 << 30
		}
		t.cols[name] = s
	}
}

// cell is the trimmed text of the named column in line.
func (t *table) cell(line, name string) string {
	s, ok := t.cols[name]
	if !ok || s[0] >= len(line) {
		return ""
	}
	return strings.TrimSpace(line[s[0]:min(s[1], len(line))])
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
