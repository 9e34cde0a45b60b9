package snmp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// LibreNMS's expected JSON (tests/data/<name>.json), only the fields
// compared here.
type librenmsPort struct {
	IfIndex       int     `json:"ifIndex"`
	IfName        *string `json:"ifName"`
	IfSpeed       *int64  `json:"ifSpeed"`
	IfDuplex      *string `json:"ifDuplex"`
	IfAdminStatus *string `json:"ifAdminStatus"`
	IfOperStatus  *string `json:"ifOperStatus"`
	IfVlan        *string `json:"ifVlan"`
}

type librenmsExpected struct {
	OS struct {
		Discovery struct {
			Devices []struct {
				Hardware *string `json:"hardware"`
				Version  *string `json:"version"`
			} `json:"devices"`
		} `json:"discovery"`
	} `json:"os"`
	Ports struct {
		Poller struct {
			Ports []librenmsPort `json:"ports"`
		} `json:"poller"`
	} `json:"ports"`
	Vlans struct {
		Discovery struct {
			Vlans []struct {
				ID   int    `json:"vlan_vlan"`
				Name string `json:"vlan_name"`
			} `json:"vlans"`
			PortsVlans []struct {
				VLAN     int `json:"vlan"`
				BasePort int `json:"baseport"`
				Untagged int `json:"untagged"`
			} `json:"ports_vlans"`
		} `json:"discovery"`
	} `json:"vlans"`
	Protocols struct {
		Discovery struct {
			Links []struct {
				Protocol string `json:"protocol"`
				Hostname string `json:"remote_hostname"`
				Port     string `json:"remote_port"`
				IfName   string `json:"ifName"`
			} `json:"links"`
		} `json:"discovery"`
	} `json:"discovery-protocols"`
}

// difference is one known case where voxlan and LibreNMS disagree, with
// why voxlan is right or why the fields mean different things.
type difference struct {
	Check  string `json:"check"`
	Key    string `json:"key"` // "*" = every key of this check in this recording
	Reason string `json:"reason"`
}

// mismatch is one disagreement found.
type mismatch struct {
	check, key, got, want string
}

func (m mismatch) String() string {
	return fmt.Sprintf("%s %s: got %s, want %s", m.check, m.key, m.got, m.want)
}

// compareLibreNMS lists every disagreement between a discovered switch and
// LibreNMS's expected data: ports (name, speed, duplex, admin/oper), PVID,
// VLAN ids and names, untagged/tagged membership, neighbours, model and
// version.
func compareLibreNMS(sw snapshot.Switch, exp librenmsExpected) []mismatch {
	var out []mismatch
	add := func(check, key string, got, want any) {
		out = append(out, mismatch{check, key, fmt.Sprint(got), fmt.Sprint(want)})
	}
	if devs := exp.OS.Discovery.Devices; len(devs) > 0 {
		if h := devs[0].Hardware; h != nil && *h != sw.Model {
			add("model", "", sw.Model, *h)
		}
		if v := devs[0].Version; v != nil && *v != sw.Version {
			add("version", "", sw.Version, *v)
		}
	}
	byIndex := map[int]*snapshot.Port{}
	byBridge := map[int]*snapshot.Port{}
	byName := map[string]*snapshot.Port{}
	for i := range sw.Ports {
		p := &sw.Ports[i]
		byIndex[p.IfIndex] = p
		if p.BridgePort != 0 {
			byBridge[p.BridgePort] = p
		}
		byName[p.Name] = p
	}
	for _, lp := range exp.Ports.Poller.Ports {
		p := byIndex[lp.IfIndex]
		key := strconv.Itoa(lp.IfIndex)
		if p == nil {
			add("port.missing", key, "absent", "present")
			continue
		}
		if lp.IfName != nil && *lp.IfName != p.Name {
			add("port.name", key, p.Name, *lp.IfName)
		}
		if lp.IfSpeed != nil && *lp.IfSpeed/1000000 != int64(p.SpeedMbps) {
			add("port.speed", key, p.SpeedMbps, *lp.IfSpeed/1000000)
		}
		if lp.IfDuplex != nil {
			want := map[string]string{"fullDuplex": "full", "halfDuplex": "half", "unknown": "unknown"}[*lp.IfDuplex]
			if want != p.Duplex {
				add("port.duplex", key, p.Duplex, *lp.IfDuplex)
			}
		}
		if lp.IfAdminStatus != nil && (*lp.IfAdminStatus == "up") != p.AdminUp {
			add("port.admin", key, p.AdminUp, *lp.IfAdminStatus)
		}
		if lp.IfOperStatus != nil && (*lp.IfOperStatus == "up") != p.OperUp {
			add("port.oper", key, p.OperUp, *lp.IfOperStatus)
		}
		if lp.IfVlan != nil && *lp.IfVlan != strconv.Itoa(p.PVID) {
			add("port.pvid", key, p.PVID, *lp.IfVlan)
		}
	}

	vlans := map[int]string{}
	for _, v := range sw.VLANs {
		vlans[v.ID] = v.Name
	}
	for _, v := range exp.Vlans.Discovery.Vlans {
		name, ok := vlans[v.ID]
		switch {
		case !ok:
			add("vlan.missing", strconv.Itoa(v.ID), "absent", v.Name)
		case name != v.Name:
			add("vlan.name", strconv.Itoa(v.ID), name, v.Name)
		}
	}

	// Membership: LibreNMS lists (vlan, bridge port, untagged) rows.
	wantU, wantT := map[int][]int{}, map[int][]int{}
	for _, pv := range exp.Vlans.Discovery.PortsVlans {
		if pv.Untagged == 1 {
			wantU[pv.BasePort] = append(wantU[pv.BasePort], pv.VLAN)
		} else {
			wantT[pv.BasePort] = append(wantT[pv.BasePort], pv.VLAN)
		}
	}
	// Only ports LibreNMS keeps carry membership rows in its data (it drops
	// absent and internal interfaces); compare on those.
	kept := map[int]bool{}
	for _, lp := range exp.Ports.Poller.Ports {
		kept[lp.IfIndex] = true
	}
	if len(exp.Vlans.Discovery.PortsVlans) > 0 {
		ports := map[int]bool{}
		for bp := range wantU {
			ports[bp] = true
		}
		for bp := range wantT {
			ports[bp] = true
		}
		for _, p := range sw.Ports {
			if p.BridgePort != 0 && kept[p.IfIndex] && (len(p.UntaggedVLANs) > 0 || len(p.TaggedVLANs) > 0) {
				ports[p.BridgePort] = true
			}
		}
		for bp := range ports {
			p := byBridge[bp]
			key := "bridgeport " + strconv.Itoa(bp)
			if p == nil {
				add("membership.port", key, "absent", "present")
				continue
			}
			slices.Sort(wantU[bp])
			slices.Sort(wantT[bp])
			if !slices.Equal(p.UntaggedVLANs, wantU[bp]) {
				add("membership.untagged", key, p.UntaggedVLANs, wantU[bp])
			}
			if !slices.Equal(p.TaggedVLANs, wantT[bp]) {
				add("membership.tagged", key, p.TaggedVLANs, wantT[bp])
			}
		}
	}

	// Neighbours: (local ifName, protocol, remote name, remote port).
	type link struct{ local, proto, host, port string }
	got := map[link]int{}
	for _, p := range sw.Ports {
		for _, n := range p.Neighbors {
			got[link{p.Name, n.Protocol, n.SysName, normPort(n.PortID)}]++
		}
	}
	for _, l := range exp.Protocols.Discovery.Links {
		k := link{l.IfName, l.Protocol, l.Hostname, normPort(l.Port)}
		if got[k] > 0 {
			got[k]--
			continue
		}
		add("link.missing", l.IfName, "absent", fmt.Sprintf("%s %q port %q", l.Protocol, l.Hostname, l.Port))
	}
	for k, n := range got {
		for range n {
			add("link.extra", k.local, fmt.Sprintf("%s %q port %q", k.proto, k.host, k.port), "absent")
		}
	}
	slices.SortFunc(out, func(a, b mismatch) int { return strings.Compare(a.String(), b.String()) })
	return out
}

var reLibreNMSPort = regexp.MustCompile(`^(.*?) \(([0-9a-f]{12})\)$`)

// normPort puts a port id in one form: LibreNMS writes MACs as
// "B8 A4 4F 1B E2 1D (b8a44f1be21d)" and appends the MAC to text ids
// ("1/7/18 (ec0273962100)"); voxlan writes "b8:a4:4f:1b:e2:1d".
func normPort(s string) string {
	if m := reLibreNMSPort.FindStringSubmatch(s); m != nil {
		if strings.EqualFold(strings.ReplaceAll(m[1], " ", ""), m[2]) {
			return m[2]
		}
		s = m[1]
	}
	hex := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(s), ":", ""), " ", "")
	if len(hex) == 12 && strings.Trim(hex, "0123456789abcdef") == "" {
		return hex
	}
	return s
}

func TestDiscoverMatchesLibreNMS(t *testing.T) {
	var diffs map[string][]difference
	raw, err := os.ReadFile("testdata/librenms-differences.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &diffs); err != nil {
		t.Fatalf("testdata/librenms-differences.json: %v", err)
	}
	files, err := os.ReadDir("../testdata/librenms-expected")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile("../testdata/librenms-expected/" + f.Name())
			if err != nil {
				t.Fatal(err)
			}
			var exp librenmsExpected
			if err := json.Unmarshal(b, &exp); err != nil {
				t.Fatal(err)
			}
			sw := discoverRecording(t, name)
			if sw.SysDescr == "" {
				t.Fatalf("recording not read: %v", sw.Errors)
			}
			known := diffs[name]
			used := make([]bool, len(known))
			for _, m := range compareLibreNMS(sw, exp) {
				excused := false
				for i, d := range known {
					if d.Check == m.check && (d.Key == "*" || d.Key == m.key) {
						used[i], excused = true, true
					}
				}
				if !excused {
					t.Errorf("%s", m)
				}
			}
			for i, d := range known {
				if !used[i] {
					t.Errorf("listed difference %s %s no longer occurs; remove it from testdata/librenms-differences.json", d.Check, d.Key)
				}
			}
		})
	}
}
