package audit

import (
	"testing"
	"time"

	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snapshot"
)

// Builders for hand-made snapshots. A "good" phone port is the baseline;
// each test breaks one thing.

const (
	yealinkMAC  = "80:5e:c0:11:22:33" // Yealink OUI
	yealinkMAC2 = "80:5e:c0:44:55:66"
	polyMAC     = "00:04:f2:aa:bb:cc" // Polycom OUI
	pcMAC       = "3c:52:82:01:02:03" // a PC (HP Inc.), not a phone vendor
	dataVLAN    = 10
	voiceVLAN   = 20
)

var takenAt = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func wte(t testing.TB) *profile.Profile {
	t.Helper()
	p, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func site(switches ...snapshot.Switch) *snapshot.Snapshot {
	s := snapshot.New("hq")
	s.TakenAt = takenAt
	s.Switches = switches
	s.Normalize()
	return s
}

func newSwitch(target string, ports ...snapshot.Port) snapshot.Switch {
	return snapshot.Switch{
		Target: target, Source: "snmp", SysName: target, SysObjectID: "1.3.6.1.4.1.9.1.1208", Vendor: "cisco", OS: "cisco_ios",
		VLANs: []snapshot.VLAN{{ID: 1, Name: "default"}, {ID: dataVLAN, Name: "DATA"}, {ID: voiceVLAN, Name: "VOICE", Voice: true}},
		PoE:   snapshot.PoE{Supported: true, PSEs: []snapshot.PSE{{Index: 1, PowerW: 370, ConsumptionW: 20, Status: "on"}}},
		Ports: ports, Errors: []snapshot.Error{},
	}
}

func lldpPhone(chassis, model string) snapshot.Neighbor {
	return snapshot.Neighbor{Protocol: "lldp", ChassisID: chassis, PortID: chassis, SysName: model, SysDescr: model,
		Capabilities: []string{"bridge", "telephone"},
		MED: &snapshot.MED{DeviceClass: "endpointClass3", Model: model,
			Policies: []snapshot.Policy{{Application: "voice", VLAN: voiceVLAN, Tagged: true, Priority: 5, DSCP: 46}}}}
}

func lldpSwitch(name string) snapshot.Neighbor {
	return snapshot.Neighbor{Protocol: "lldp", ChassisID: "00:11:22:33:44:55", PortID: "Gi0/1", SysName: name,
		Capabilities: []string{"bridge", "router"}, MED: nil}
}

// phonePort is a port that meets every requirement of the voice VLAN
// engineering with one phone on it.
func phonePort(idx int, name string) snapshot.Port {
	return snapshot.Port{
		IfIndex: idx, Name: name, Type: "ethernetCsmacd", AdminUp: true, OperUp: true, SpeedMbps: 1000, Duplex: "full",
		PVID: dataVLAN, UntaggedVLANs: []int{dataVLAN}, TaggedVLANs: []int{voiceVLAN}, VoiceVLAN: voiceVLAN,
		PoE:         &snapshot.PortPoE{AdminEnabled: true, Detection: "deliveringPower", Class: 2, PowerMw: 4200},
		LLDPAdmin:   "txAndRx",
		MEDPolicies: []snapshot.Policy{{Application: "voice", VLAN: voiceVLAN, Tagged: true, Priority: 5, DSCP: 46}},
		Counters:    &snapshot.Counters{},
		Neighbors:   []snapshot.Neighbor{lldpPhone(yealinkMAC, "SIP-T46S")},
		MACs:        []snapshot.MAC{{MAC: yealinkMAC, VLAN: voiceVLAN}},
	}
}

// pcPort has one PC on an access port that is ready for a phone.
func pcPort(idx int, name string) snapshot.Port {
	p := phonePort(idx, name)
	p.Neighbors = nil
	p.PoE = &snapshot.PortPoE{AdminEnabled: true, Detection: "searching", Class: -1}
	p.MACs = []snapshot.MAC{{MAC: pcMAC, VLAN: dataVLAN}}
	return p
}

func uplinkPort(idx int, name string) snapshot.Port {
	var tagged []int
	for v := 100; v < 130; v++ {
		tagged = append(tagged, v)
	}
	p := snapshot.Port{IfIndex: idx, Name: name, Type: "ethernetCsmacd", AdminUp: true, OperUp: true, SpeedMbps: 10000, Duplex: "full",
		PVID: 1, UntaggedVLANs: []int{1}, TaggedVLANs: tagged, LLDPAdmin: "txAndRx", Counters: &snapshot.Counters{FCSErrors: 5000}}
	for i := range 200 {
		p.MACs = append(p.MACs, snapshot.MAC{MAC: macN(i), VLAN: 100})
	}
	p.MACs = append(p.MACs, snapshot.MAC{MAC: yealinkMAC2, VLAN: voiceVLAN}, snapshot.MAC{MAC: polyMAC, VLAN: voiceVLAN})
	return p
}

func macN(i int) string {
	const hex = "0123456789abcdef"
	b := []byte("02:00:00:00:00:00")
	b[12], b[13] = hex[(i>>12)&15], hex[(i>>8)&15]
	b[15], b[16] = hex[(i>>4)&15], hex[i&15]
	return string(b)
}

func findingsOf(r *Result, req, check string) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Requirement == req && (check == "" || f.Check == check) {
			out = append(out, f)
		}
	}
	return out
}

func findingAt(t *testing.T, r *Result, req, check, sw, port string) Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.Requirement == req && f.Check == check && f.Switch == sw && f.Port == port {
			return f
		}
	}
	t.Fatalf("no finding %s/%s on %s %s; findings:\n%s", req, check, sw, port, dump(r))
	return Finding{}
}

func noFindingAt(t *testing.T, r *Result, sw, port string) {
	t.Helper()
	for _, f := range r.Findings {
		if f.Switch == sw && f.Port == port && f.Status != StatusPass {
			t.Errorf("unexpected finding on %s %s: %s %s: %s", sw, port, f.ID, f.Status, f.Message.EN)
		}
	}
}

func roleOf(t *testing.T, r *Result, sw, port string) PortRole {
	t.Helper()
	for _, p := range r.Ports {
		if p.Switch == sw && p.Port == port {
			return p
		}
	}
	t.Fatalf("port %s %s not in result", sw, port)
	return PortRole{}
}

func dump(r *Result) string {
	s := ""
	for _, f := range r.Findings {
		s += "  " + f.ID + " " + string(f.Status) + ": " + f.Message.EN + "\n"
	}
	return s
}
