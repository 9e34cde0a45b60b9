package audit

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
)

func TestGoodSitePasses(t *testing.T) {
	snap := site(newSwitch("sw1", uplinkPort(1, "Gi1/0/1"), phonePort(2, "Gi1/0/2"), pcPort(3, "Gi1/0/3")))
	snap.Switches[0].Ports[0].Neighbors = []snapshot.Neighbor{lldpSwitch("core")}
	r := Run(snap, wte(t), Site{})
	if r.Verdict != VerdictPass {
		t.Fatalf("verdict: got %s, want pass\n%s", r.Verdict, dump(r))
	}
	if r.Engineering != EngineeringVoiceVLAN || r.EngineeringSource != "inferred" {
		t.Errorf("engineering: got %s (%s), want voiceVlan (inferred)", r.Engineering, r.EngineeringSource)
	}
	// Every requirement that applies says something: nothing passes silently.
	for _, req := range []string{ReqL1, ReqL2, ReqL3, ReqL4, ReqL5, ReqL7, ReqL8, ReqL9, ReqL10, ReqD1, ReqD2, ReqD4, ReqD5, ReqT, ReqW, ReqF} {
		if len(findingsOf(r, req, "")) == 0 {
			t.Errorf("no finding for %s", req)
		}
	}
	if p := BuildPlan(r); p.Len() != 0 {
		t.Errorf("a passing site got a plan of %d changes", p.Len())
	}
}

func TestPCBehindPhoneIsNotACascade(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.MACs = append(p.MACs, snapshot.MAC{MAC: pcMAC, VLAN: dataVLAN})
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "Gi1/0/2"); got.Role != RolePhonePC || got.Phones != 1 {
		t.Fatalf("role: got %s with %d phones, want phonePC with 1", got.Role, got.Phones)
	}
	if f := findingAt(t, r, ReqL7, "cascade", "sw1", ""); f.Status != StatusPass {
		t.Errorf("L7: got %s, want pass", f.Status)
	}
}

func TestCascadeTwoLLDPPhones(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.Neighbors = append(p.Neighbors, lldpPhone("0c:38:3e:00:00:01", "Fanvil X4"))
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	f := findingAt(t, r, ReqL7, "cascade", "sw1", "Gi1/0/2")
	if f.Status != StatusFail || f.ID != "L7/cascade/sw1/Gi1/0/2" {
		t.Fatalf("got %s %s, want fail L7/cascade/sw1/Gi1/0/2", f.ID, f.Status)
	}
	if len(f.Fix) != 0 {
		t.Errorf("a cascade is recabled by hand; got fixes %v", f.Fix)
	}
	if r.Verdict != VerdictFail {
		t.Errorf("verdict: got %s, want fail", r.Verdict)
	}
}

func TestCascadeTwoPhoneOUIs(t *testing.T) {
	p := pcPort(2, "Gi1/0/2")
	p.MACs = []snapshot.MAC{{MAC: yealinkMAC, VLAN: dataVLAN}, {MAC: polyMAC, VLAN: dataVLAN}}
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if f := findingAt(t, r, ReqL7, "cascade", "sw1", "Gi1/0/2"); f.Status != StatusFail {
		t.Fatalf("got %s, want fail", f.Status)
	}
	if got := roleOf(t, r, "sw1", "Gi1/0/2"); got.Phones != 2 {
		t.Errorf("phones: got %d, want 2", got.Phones)
	}
}

func TestSamePhoneByLLDPAndCDPIsOnePhone(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	cisco := "00:1b:54:aa:bb:cc"
	p.Neighbors = []snapshot.Neighbor{
		{Protocol: "lldp", ChassisID: cisco, SysName: "SEP001B54AABBCC", Capabilities: []string{"bridge", "telephone"}},
		{Protocol: "cdp", ChassisID: "SEP001B54AABBCC", SysName: "SEP001B54AABBCC", Platform: "Cisco IP Phone 7945", Capabilities: []string{"host", "bridge", "igmp"}},
	}
	p.MACs = []snapshot.MAC{{MAC: cisco, VLAN: voiceVLAN}}
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "Gi1/0/2"); got.Role != RolePhone || got.Phones != 1 {
		t.Fatalf("got %s with %d phones (%v), want phone with 1", got.Role, got.Phones, got.Evidence)
	}
}

func TestUplinkWithThirtyVLANsIsNotAPhonePort(t *testing.T) {
	// No LLDP neighbour, hundreds of MACs including phones of other ports,
	// FCS errors: still an uplink, judged and touched by nothing.
	r := Run(site(newSwitch("sw1", uplinkPort(1, "Te1/1/1"), phonePort(2, "Gi1/0/2"))), wte(t), Site{})
	got := roleOf(t, r, "sw1", "Te1/1/1")
	if got.Role != RoleUplink {
		t.Fatalf("role: got %s, want uplink", got.Role)
	}
	if got.Evidence[len(got.Evidence)-1].Key != "taggedVlans" || got.Evidence[len(got.Evidence)-1].Values[0] != "30" {
		t.Errorf("evidence: got %v", got.Evidence)
	}
	noFindingAt(t, r, "sw1", "Te1/1/1")
	for _, c := range BuildPlan(r).For("sw1") {
		if c.Port == "Te1/1/1" {
			t.Errorf("plan touches the uplink: %+v", c)
		}
	}
}

func TestUnmanagedSwitchBehindAccessPort(t *testing.T) {
	p := pcPort(2, "Gi1/0/2")
	p.MACs = nil
	for i := range 6 {
		p.MACs = append(p.MACs, snapshot.MAC{MAC: macN(i), VLAN: dataVLAN})
	}
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "Gi1/0/2"); got.Role != RoleUnmanagedSwitch {
		t.Fatalf("role: got %s, want unmanagedSwitch", got.Role)
	}
	if f := findingAt(t, r, ReqL7, "unmanaged-switch", "sw1", "Gi1/0/2"); f.Status != StatusFail {
		t.Errorf("got %s, want fail", f.Status)
	}
	// Two MACs (a PC with a VM) are still a PC.
	p.MACs = p.MACs[:2]
	r = Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "Gi1/0/2"); got.Role != RolePC {
		t.Fatalf("two MACs: got %s, want pc", got.Role)
	}
}

func TestPoEOnPhonePort(t *testing.T) {
	off := phonePort(2, "Gi1/0/2")
	off.PoE = &snapshot.PortPoE{AdminEnabled: false, Detection: "disabled", Class: -1}
	none := phonePort(3, "Gi1/0/3")
	none.Neighbors = []snapshot.Neighbor{lldpPhone(yealinkMAC2, "SIP-T46S")}
	none.MACs = []snapshot.MAC{{MAC: yealinkMAC2, VLAN: voiceVLAN}}
	none.PoE = nil
	r := Run(site(newSwitch("sw1", off, none)), wte(t), Site{})
	f := findingAt(t, r, ReqL2, "poe-port", "sw1", "Gi1/0/2")
	if f.Status != StatusFail || len(f.Fix) != 1 || f.Fix[0].Kind != ChangeEnablePoE || f.Fix[0].Reason != f.ID {
		t.Errorf("PoE off: got %s %+v", f.Status, f.Fix)
	}
	if f := findingAt(t, r, ReqL2, "poe-port", "sw1", "Gi1/0/3"); f.Status != StatusFail || len(f.Fix) != 0 {
		t.Errorf("no PSE: got %s %+v", f.Status, f.Fix)
	}
}

func TestPoEMissingOnSwitch(t *testing.T) {
	sw := newSwitch("sw1", phonePort(2, "Gi1/0/2"))
	sw.PoE = snapshot.PoE{Supported: false, PSEs: []snapshot.PSE{}}
	sw.Ports[0].PoE = nil
	// Read from the CLI, no PoE is a fact; over SNMP it may be a missing MIB.
	sw.Source = snapshot.SourceCLI
	r := Run(site(sw), wte(t), Site{})
	if f := findingAt(t, r, ReqL2, "poe-supported", "sw1", ""); f.Status != StatusFail {
		t.Errorf("CLI: got %s, want fail", f.Status)
	}
	sw.Source = snapshot.SourceSNMP
	r = Run(site(sw), wte(t), Site{})
	if f := findingAt(t, r, ReqL2, "poe-supported", "sw1", ""); f.Status != StatusUnknown {
		t.Errorf("SNMP without PoE MIB: got %s, want unknown", f.Status)
	}
	// The same switch read with a failed PoE walk is unknown, not fail.
	sw.Errors = []snapshot.Error{{Target: "sw1", Stage: "poe", Message: "timeout"}}
	r = Run(site(sw), wte(t), Site{})
	if f := findingAt(t, r, ReqL2, "poe-supported", "sw1", ""); f.Status != StatusUnknown {
		t.Errorf("PoE unread: got %s, want unknown", f.Status)
	}
	if r.Verdict == VerdictPass {
		t.Error("verdict pass with data missing")
	}
}

func TestPoEBudgetHeadroom(t *testing.T) {
	var ports []snapshot.Port
	for i := range 4 {
		p := phonePort(i+1, "Gi1/0/"+itoa(i+1))
		mac := "80:5e:c0:00:00:0" + itoa(i)
		p.Neighbors = []snapshot.Neighbor{lldpPhone(mac, "SIP-T46S")}
		p.MACs = []snapshot.MAC{{MAC: mac, VLAN: voiceVLAN}}
		p.PoE = &snapshot.PortPoE{AdminEnabled: false, Detection: "disabled", Class: -1}
		ports = append(ports, p)
	}
	sw := newSwitch("sw1", ports...)
	sw.PoE.PSEs = []snapshot.PSE{{Index: 1, PowerW: 60, ConsumptionW: 40, Status: "on"}}
	r := Run(site(sw), wte(t), Site{})
	f := findingAt(t, r, ReqL2, "poe-budget", "sw1", "")
	// 20 W free, 4 phones x 7 W = 28 W needed: fail, headroom 2 phones.
	if f.Status != StatusFail {
		t.Fatalf("got %s, want fail: %s", f.Status, f.Message.EN)
	}
	want := map[string]string{"headroomW": "20.0", "headroomPhones": "2", "phonesNotPowered": "4"}
	for _, e := range f.Evidence {
		if w, ok := want[e.Key]; ok && e.Values[0] != w {
			t.Errorf("%s: got %s, want %s", e.Key, e.Values[0], w)
		}
	}
	sw.PoE.PSEs[0].PowerW = 370
	r = Run(site(sw), wte(t), Site{})
	if f := findingAt(t, r, ReqL2, "poe-budget", "sw1", ""); f.Status != StatusPass {
		t.Errorf("370 W: got %s, want pass", f.Status)
	}
}

// TestNotPresentPortIsNotJudged: an interface without hardware (an empty
// stack member's, ifOperStatus notPresent) gets no role, no finding and no
// change, and is not counted among the switch's ports.
func TestNotPresentPortIsNotJudged(t *testing.T) {
	absent := snapshot.Port{IfIndex: 57, Name: "gi2/0/1", Type: "ethernetCsmacd", AdminUp: true, NotPresent: true, BridgePort: 57, PVID: 1}
	sw := newSwitch("sw1", phonePort(2, "Gi1/0/2"), absent)
	r := Run(site(sw), wte(t), Site{Engineering: EngineeringVoiceVLAN, VoiceVLAN: voiceVLAN})
	for _, pr := range r.Ports {
		if pr.Port == "gi2/0/1" {
			t.Errorf("role %s given to a port without hardware", pr.Role)
		}
	}
	for _, f := range r.Findings {
		for _, c := range f.Fix {
			if c.Port == "gi2/0/1" {
				t.Errorf("%s changes a port without hardware", f.ID)
			}
		}
	}
	if n := SwitchingPorts(&sw); n != 1 {
		t.Errorf("SwitchingPorts = %d, want 1", n)
	}
}

// TestPoEUnreadIsNeverOff: a port whose PoE admin state or detection was
// not read (Cisco SB's power-only table), or a switch whose per-port PoE
// was not read at all (AOS-S giving only its budget), is unknown: never
// "no PoE", never "PoE disabled" with a fix, never a pass.
func TestPoEUnreadIsNeverOff(t *testing.T) {
	unread := phonePort(2, "Gi1/0/2")
	unread.PoE = &snapshot.PortPoE{Class: -1, Unread: []string{snapshot.PoEAdmin, snapshot.PoEDetection}}
	drawing := phonePort(3, "Gi1/0/3")
	drawing.Neighbors = []snapshot.Neighbor{lldpPhone(yealinkMAC2, "SIP-T46S")}
	drawing.MACs = []snapshot.MAC{{MAC: yealinkMAC2, VLAN: voiceVLAN}}
	drawing.PoE = &snapshot.PortPoE{Class: -1, Detection: "deliveringPower", PowerMw: 4200, Unread: []string{snapshot.PoEAdmin}}
	sw := newSwitch("sw1", unread, drawing)
	r := Run(site(sw), wte(t), Site{})
	f := findingAt(t, r, ReqL2, "poe-port", "sw1", "Gi1/0/2")
	if f.Status != StatusUnknown || len(f.Fix) != 0 || !strings.Contains(f.Message.FR, "non lu") {
		t.Errorf("admin unread: got %s %q %+v, want unknown without a fix", f.Status, f.Message.FR, f.Fix)
	}
	for _, f := range r.Findings {
		if f.Check == "poe-port" && f.Port == "Gi1/0/3" {
			t.Errorf("drawing power, admin unread: got %s %q, want a pass", f.Status, f.Message.EN)
		}
	}

	notRead := phonePort(2, "Gi1/0/2")
	notRead.PoE = nil
	sw = newSwitch("sw2", notRead)
	sw.PoE = snapshot.PoE{Supported: true, PortsNotRead: true, PSEs: []snapshot.PSE{{Index: 1001, PowerW: 1440, ConsumptionW: 94, AllocatedW: 96}}}
	r = Run(site(sw), wte(t), Site{})
	if f := findingAt(t, r, ReqL2, "poe-port", "sw2", "Gi1/0/2"); f.Status != StatusUnknown || len(f.Fix) != 0 {
		t.Errorf("ports not read: got %s %+v, want unknown", f.Status, f.Fix)
	}
	if r.Verdict == VerdictPass {
		t.Error("verdict pass with the phone port's PoE not read")
	}
	// The budget counts what the PSE has allocated when it is more than
	// what is drawn: 1440 - 96 W free.
	f = findingAt(t, r, ReqL2, "poe-budget", "sw2", "")
	want := map[string]string{"consumptionW": "94.0", "allocatedW": "96.0", "headroomW": "1344.0"}
	got := map[string]string{}
	for _, e := range f.Evidence {
		got[e.Key] = e.Values[0]
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("budget %s = %q, want %q", k, got[k], w)
		}
	}
}

func TestNo8021Q(t *testing.T) {
	sw := newSwitch("sw1", phonePort(2, "Gi1/0/2"))
	sw.VLANs = nil
	sw.Ports[0].TaggedVLANs = nil
	sw.Ports[0].VoiceVLAN = 0
	r := Run(site(sw), wte(t), Site{Engineering: EngineeringVoiceVLAN, VoiceVLAN: voiceVLAN})
	if f := findingAt(t, r, ReqL3, "dot1q", "sw1", ""); f.Status != StatusUnknown {
		t.Errorf("got %s, want unknown", f.Status)
	}
	sw.VLANs = []snapshot.VLAN{{ID: 1}, {ID: 10}}
	r = Run(site(sw), wte(t), Site{Engineering: EngineeringVoiceVLAN, VoiceVLAN: voiceVLAN})
	if f := findingAt(t, r, ReqL3, "dot1q", "sw1", ""); f.Status != StatusPass {
		t.Errorf("with VLANs: got %s, want pass", f.Status)
	}
}

func TestNonHybridPhonePort(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.TaggedVLANs, p.VoiceVLAN = nil, 0
	other := phonePort(3, "Gi1/0/3") // keeps the voice VLAN so it is inferred
	other.Neighbors = []snapshot.Neighbor{lldpPhone(yealinkMAC2, "SIP-T46S")}
	other.MACs = []snapshot.MAC{{MAC: yealinkMAC2, VLAN: voiceVLAN}}
	r := Run(site(newSwitch("sw1", p, other)), wte(t), Site{})
	f := findingAt(t, r, ReqL4, "hybrid", "sw1", "Gi1/0/2")
	if f.Status != StatusFail {
		t.Fatalf("got %s, want fail", f.Status)
	}
	kinds := []ChangeKind{}
	for _, c := range f.Fix {
		kinds = append(kinds, c.Kind)
		if err := c.Validate(); err != nil {
			t.Error(err)
		}
	}
	if !reflect.DeepEqual(kinds, []ChangeKind{ChangeSetPortMode, ChangeSetVoiceVLAN}) {
		t.Errorf("fix kinds: got %v", kinds)
	}
	if f.Fix[0].TaggedVLANs[0] != voiceVLAN || f.Fix[1].VLAN != voiceVLAN {
		t.Errorf("fix VLANs: got %+v", f.Fix)
	}
}

func TestVoiceVLANUntaggedBreaksFirstBoot(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.PVID, p.UntaggedVLANs, p.TaggedVLANs, p.VoiceVLAN = voiceVLAN, []int{voiceVLAN}, nil, 0
	r := Run(site(newSwitch("sw1", p, phonePort(3, "Gi1/0/3"))), wte(t), Site{DataVLAN: dataVLAN})
	f := findingAt(t, r, ReqL6, "hybrid", "sw1", "Gi1/0/2")
	if f.Status != StatusFail || f.Fix[0].Kind != ChangeSetDataVLAN || f.Fix[0].VLAN != dataVLAN {
		t.Errorf("got %s %+v", f.Status, f.Fix)
	}
}

func TestVoiceVLANSiteConsistency(t *testing.T) {
	sw1 := newSwitch("sw1", phonePort(2, "Gi1/0/2"))
	sw2 := newSwitch("sw2", phonePort(2, "Gi1/0/2"))
	sw2.VLANs = []snapshot.VLAN{{ID: 1}, {ID: dataVLAN}, {ID: 30, Voice: true}}
	sw2.Ports[0].VoiceVLAN, sw2.Ports[0].TaggedVLANs = 30, []int{30}
	sw2.Ports[0].MEDPolicies[0].VLAN = 30
	sw3 := newSwitch("sw3", pcPort(2, "Gi1/0/2"))
	sw3.VLANs = []snapshot.VLAN{{ID: 1}, {ID: dataVLAN}}
	sw3.Ports[0].TaggedVLANs, sw3.Ports[0].VoiceVLAN = nil, 0
	sw3.Ports[0].MEDPolicies = nil
	r := Run(site(sw1, sw2, sw3), wte(t), Site{VoiceVLAN: voiceVLAN})
	if f := findingAt(t, r, ReqL8, "voice-vlan", "sw1", ""); f.Status != StatusPass {
		t.Errorf("sw1: got %s", f.Status)
	}
	f2 := findingAt(t, r, ReqL8, "voice-vlan", "sw2", "")
	if f2.Status != StatusFail || len(f2.Fix) != 1 || f2.Fix[0].Kind != ChangeCreateVLAN || f2.Fix[0].VLAN != voiceVLAN || !f2.Fix[0].Voice {
		t.Errorf("sw2 (voice VLAN 30): got %s %+v", f2.Status, f2.Fix)
	}
	f3 := findingAt(t, r, ReqL8, "voice-vlan", "sw3", "")
	if f3.Status != StatusFail || len(f3.Fix) != 1 || f3.Fix[0].Kind != ChangeCreateVLAN {
		t.Errorf("sw3 (no voice VLAN): got %s %+v", f3.Status, f3.Fix)
	}
	// The PC port of sw3 is ready for a phone except for the voice VLAN.
	if f := findingAt(t, r, ReqL8, "voice-spare", "sw3", ""); f.Status != StatusWarn || len(f.Fix) != 2 {
		t.Errorf("sw3 spare ports: got %s %+v", f.Status, f.Fix)
	}
}

func TestLLDPOffOnPhonePort(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.LLDPAdmin = "rxOnly"
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	f := findingAt(t, r, ReqL5, "lldp-med", "sw1", "Gi1/0/2")
	if f.Status != StatusFail || f.Fix[0].Kind != ChangeEnableLLDP || f.Fix[1].Kind != ChangeEnableMEDPolicy {
		t.Fatalf("got %s %+v", f.Status, f.Fix)
	}
	pol := f.Fix[1].Policy
	if pol.VLAN != voiceVLAN || !pol.Tagged || pol.Priority != 5 || pol.DSCP != 46 {
		t.Errorf("policy: got %+v", pol)
	}
}

func TestMEDPolicyMissingOrWrong(t *testing.T) {
	missing := phonePort(2, "Gi1/0/2")
	missing.MEDPolicies = nil
	wrongQoS := phonePort(3, "Gi1/0/3")
	wrongQoS.Neighbors = []snapshot.Neighbor{lldpPhone(yealinkMAC2, "SIP-T46S")}
	wrongQoS.MACs = []snapshot.MAC{{MAC: yealinkMAC2, VLAN: voiceVLAN}}
	wrongQoS.MEDPolicies[0].DSCP = 0
	r := Run(site(newSwitch("sw1", missing, wrongQoS)), wte(t), Site{})
	if f := findingAt(t, r, ReqL5, "lldp-med", "sw1", "Gi1/0/2"); f.Status != StatusFail {
		t.Errorf("missing: got %s", f.Status)
	}
	if f := findingAt(t, r, ReqL5, "lldp-med", "sw1", "Gi1/0/3"); f.Status != StatusWarn {
		t.Errorf("wrong DSCP: got %s", f.Status)
	}
	// A switch that publishes no policy at all (no MIB) is unknown unless the
	// phone says it got the voice VLAN.
	missing.Neighbors[0].MED.Policies = nil
	r = Run(site(newSwitch("sw1", missing)), wte(t), Site{})
	if f := findingAt(t, r, ReqL5, "lldp-med", "sw1", "Gi1/0/2"); f.Status != StatusUnknown {
		t.Errorf("no policy table: got %s", f.Status)
	}
}

func TestCabling(t *testing.T) {
	slow := phonePort(2, "Gi1/0/2")
	slow.SpeedMbps = 10
	half := phonePort(3, "Gi1/0/3")
	half.Duplex = "half"
	fcs := phonePort(4, "Gi1/0/4")
	fcs.Counters = &snapshot.Counters{FCSErrors: 500}
	few := phonePort(5, "Gi1/0/5")
	few.Counters = &snapshot.Counters{FCSErrors: 3}
	macs := []string{yealinkMAC, yealinkMAC2, polyMAC, "80:5e:c0:99:99:99"}
	for i, p := range []*snapshot.Port{&slow, &half, &fcs, &few} {
		p.Neighbors = []snapshot.Neighbor{lldpPhone(macs[i], "SIP-T46S")}
		p.MACs = []snapshot.MAC{{MAC: macs[i], VLAN: voiceVLAN}}
	}
	r := Run(site(newSwitch("sw1", slow, half, fcs, few)), wte(t), Site{})
	for _, tc := range []struct {
		check, port string
		want        Status
	}{{"link", "Gi1/0/2", StatusFail}, {"link", "Gi1/0/3", StatusFail}, {"fcs", "Gi1/0/4", StatusFail}, {"fcs", "Gi1/0/5", StatusWarn}} {
		if f := findingAt(t, r, ReqL10, tc.check, "sw1", tc.port); f.Status != tc.want {
			t.Errorf("%s %s: got %s, want %s", tc.check, tc.port, f.Status, tc.want)
		}
	}
}

func TestPhoneInDataVLANOnly(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.MACs = []snapshot.MAC{{MAC: yealinkMAC, VLAN: dataVLAN}}
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if f := findingAt(t, r, ReqL9, "vlan-placement", "sw1", "Gi1/0/2"); f.Status != StatusFail {
		t.Errorf("got %s, want fail", f.Status)
	}
	pc := pcPort(3, "Gi1/0/3")
	pc.MACs[0].VLAN = voiceVLAN
	r = Run(site(newSwitch("sw1", phonePort(2, "Gi1/0/2"), pc)), wte(t), Site{})
	if f := findingAt(t, r, ReqL9, "vlan-placement", "sw1", "Gi1/0/3"); f.Status != StatusFail {
		t.Errorf("PC in voice VLAN: got %s, want fail", f.Status)
	}
}

func TestEngineering(t *testing.T) {
	plain := newSwitch("sw1", pcPort(2, "Gi1/0/2"))
	plain.VLANs = []snapshot.VLAN{{ID: 1}}
	plain.Ports[0].TaggedVLANs, plain.Ports[0].VoiceVLAN, plain.Ports[0].MEDPolicies = nil, 0, nil
	r := Run(site(plain), wte(t), Site{})
	if r.Engineering != EngineeringStandard || r.EngineeringSource != "inferred" {
		t.Errorf("no voice VLAN: got %s (%s)", r.Engineering, r.EngineeringSource)
	}
	if len(findingsOf(r, ReqL4, "")) != 0 || len(findingsOf(r, ReqL3, "")) != 0 || len(findingsOf(r, ReqD2, "")) != 0 {
		t.Errorf("standard engineering judged L3/L4/D2:\n%s", dump(r))
	}
	r = Run(site(plain), wte(t), Site{Engineering: EngineeringVoiceVLAN, VoiceVLAN: voiceVLAN})
	if r.Engineering != EngineeringVoiceVLAN || r.EngineeringSource != "inventory" {
		t.Errorf("declared: got %s (%s)", r.Engineering, r.EngineeringSource)
	}
	if f := findingAt(t, r, ReqL8, "voice-vlan", "sw1", ""); f.Status != StatusFail {
		t.Errorf("declared voice VLAN missing: got %s", f.Status)
	}
	r = Run(site(plain), wte(t), Site{Engineering: EngineeringVoiceVLAN})
	if f := findingAt(t, r, ReqL8, "voice-vlan", "", ""); f.Status != StatusFail {
		t.Errorf("voice VLAN engineering without an id: got %s", f.Status)
	}
}

func TestUnreachableSwitchIsIncomplete(t *testing.T) {
	dead := snapshot.Switch{Target: "10.0.0.9", Errors: []snapshot.Error{{Target: "10.0.0.9", Stage: "connect", Message: "timeout after 3 tries"}}}
	r := Run(site(newSwitch("sw1", phonePort(2, "Gi1/0/2")), dead), wte(t), Site{})
	if r.Verdict != VerdictIncomplete {
		t.Fatalf("verdict: got %s, want incomplete\n%s", r.Verdict, dump(r))
	}
	if f := findingAt(t, r, ReqL1, "reachable", "10.0.0.9", ""); f.Status != StatusUnknown {
		t.Errorf("got %s", f.Status)
	}
}

func TestWANSizing(t *testing.T) {
	snap := site(newSwitch("sw1", phonePort(2, "Gi1/0/2")))
	r := Run(snap, wte(t), Site{Users: 100, WAN: &sizing.WAN{Access: sizing.AccessADSL, UpKbps: 800, DownKbps: 8000}})
	f := findingAt(t, r, ReqW, "sizing", "", "")
	if f.Status != StatusFail || r.Sizing == nil || r.Sizing.Channels != 27 || r.Sizing.WANMaxChannels != 4 {
		t.Fatalf("ADSL for 100 users: got %s %+v", f.Status, r.Sizing)
	}
	r = Run(snap, wte(t), Site{Users: 100, WAN: &sizing.WAN{Access: sizing.AccessFibre, UpKbps: 100000, DownKbps: 100000}})
	if f := findingAt(t, r, ReqW, "sizing", "", ""); f.Status != StatusPass {
		t.Errorf("fibre: got %s", f.Status)
	}
	r = Run(snap, wte(t), Site{})
	if f := findingAt(t, r, ReqW, "sizing", "", ""); f.Status != StatusManual || r.Sizing != nil {
		t.Errorf("undeclared: got %s", f.Status)
	}
}

func TestStableIDsAndRoundTrip(t *testing.T) {
	p := phonePort(2, "Gi1/0/2")
	p.Neighbors = append(p.Neighbors, lldpPhone("0c:38:3e:00:00:01", "Fanvil X4"))
	snap := site(newSwitch("sw1", p, uplinkPort(1, "Te1/1/1")))
	a, b := Run(snap, wte(t), Site{}), Run(snap, wte(t), Site{})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two audits of one snapshot differ")
	}
	ids := map[string]bool{}
	for _, f := range a.Findings {
		if ids[f.ID] {
			t.Errorf("duplicate finding id %s", f.ID)
		}
		ids[f.ID] = true
	}
	var buf bytes.Buffer
	if err := Encode(&buf, a); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"schema": "voxlan.audit/v1"`) || !strings.Contains(buf.String(), `"takenAt": "2026-11-23T09:00:00Z"`) {
		t.Errorf("JSON head: %.300s", buf.String())
	}
	back, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, a) {
		t.Error("decoded result differs from the encoded one")
	}
	if _, err := Decode(strings.NewReader(`{"schema":"voxlan.audit/v9"}`)); err == nil || !strings.Contains(err.Error(), "voxlan.audit/v1") {
		t.Errorf("wrong schema: got %v", err)
	}
}

func TestPlanGroupsOrdersAndSkipsUplinks(t *testing.T) {
	r := &Result{Site: "hq",
		Ports: []PortRole{{Switch: "sw1", Port: "Gi1/0/48", Role: RoleUplink}},
		Findings: []Finding{
			{ID: "a", Fix: []Change{{Kind: ChangeEnablePoE, Switch: "sw1", Port: "Gi1/0/10"}, {Kind: ChangeEnablePoE, Switch: "sw1", Port: "Gi1/0/2"}}},
			{ID: "b", Fix: []Change{{Kind: ChangeCreateVLAN, Switch: "sw1", VLAN: 20, Voice: true}, {Kind: ChangeEnablePoE, Switch: "sw1", Port: "Gi1/0/48"}}},
			{ID: "c", Fix: []Change{{Kind: ChangeCreateVLAN, Switch: "sw2", VLAN: 20, Voice: true}, {Kind: ChangeEnablePoE, Switch: "sw1", Port: "Gi1/0/2"}}},
		}}
	p := BuildPlan(r)
	if len(p.Switches) != 2 || p.Switches[0].Switch != "sw1" || p.Switches[1].Switch != "sw2" {
		t.Fatalf("switches: got %+v", p.Switches)
	}
	var got []string
	for _, c := range p.For("sw1") {
		got = append(got, string(c.Kind)+" "+c.Port+" "+c.Reason)
	}
	want := []string{"createVlan  b", "enablePoe Gi1/0/2 a", "enablePoe Gi1/0/10 a"}
	if !slices.Equal(got, want) {
		t.Errorf("sw1 plan:\ngot  %q\nwant %q", got, want)
	}
}

func TestChangeValidate(t *testing.T) {
	for _, tc := range []struct {
		c    Change
		want string
	}{
		{Change{Kind: ChangeCreateVLAN, Switch: "s", VLAN: 4095}, "outside 1..4094"},
		{Change{Kind: ChangeSetVoiceVLAN, Switch: "s", VLAN: 20}, "no port"},
		{Change{Kind: ChangeSetPortMode, Switch: "s", Port: "p", Mode: "weird"}, "not hybrid"},
		{Change{Kind: ChangeEnableMEDPolicy, Switch: "s", Port: "p", Policy: &MEDPolicy{Application: "voice", VLAN: 20, DSCP: 64}}, "out of range"},
		{Change{Kind: "reboot", Switch: "s"}, "unknown kind"},
		{Change{Kind: ChangeEnableLLDP}, "no switch"},
	} {
		err := tc.c.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %q", tc.c, err, tc.want)
		}
	}
	if err := (Change{Kind: ChangeEnableLLDP, Switch: "s"}).Validate(); err != nil {
		t.Errorf("global LLDP: %v", err)
	}
}

func TestComparePorts(t *testing.T) {
	names := []string{"Gi1/0/10", "Gi1/0/2", "Gi1/0/1", "Te1/1/1", "Gi2/0/1"}
	slices.SortFunc(names, ComparePorts)
	if want := []string{"Gi1/0/1", "Gi1/0/2", "Gi1/0/10", "Gi2/0/1", "Te1/1/1"}; !slices.Equal(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
}

func TestNormalizeMAC(t *testing.T) {
	for in, want := range map[string]string{
		"00:04:F2:12:34:56": "00:04:f2:12:34:56", "0004.f212.3456": "00:04:f2:12:34:56",
		"00-04-f2-12-34-56": "00:04:f2:12:34:56", "0004f2123456": "00:04:f2:12:34:56",
		"10.1.1.1": "", "SEP0004f2": "", "": "",
	} {
		got, ok := normalizeMAC(in)
		if got != want || ok != (want != "") {
			t.Errorf("%q: got %q %t, want %q", in, got, ok, want)
		}
	}
	if PhoneVendorOf("80:5E:C0:01:02:03") != "yealink" || PhoneVendorOf(pcMAC) != "" {
		t.Error("PhoneVendorOf")
	}
}

func TestPolycomIPChassisIsOnePhone(t *testing.T) {
	// As the procurve recording shows: chassis id is an IP address, port id
	// is the MAC, and the same MAC is in the FDB.
	p := phonePort(44, "44")
	p.Neighbors = []snapshot.Neighbor{{Protocol: "lldp", ChassisID: "10.56.32.113", PortID: "00:04:f2:c6:70:78",
		SysName: "Polycom SoundPoint IP 335", Capabilities: []string{"bridge", "telephone"}}}
	p.MACs = []snapshot.MAC{{MAC: "00:04:f2:c6:70:78", VLAN: voiceVLAN}}
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "44"); got.Role != RolePhone || got.Phones != 1 {
		t.Fatalf("got %s with %d phones, want phone with 1", got.Role, got.Phones)
	}
	// Same neighbour without a port MAC: matched against the Poly MAC.
	p.Neighbors[0].PortID = "1"
	r = Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "44"); got.Phones != 1 {
		t.Fatalf("unlinked neighbour: got %d phones, want 1", got.Phones)
	}
	// ...but a second phone-vendor MAC behind it is a cascade.
	p.MACs = append(p.MACs, snapshot.MAC{MAC: yealinkMAC, VLAN: voiceVLAN})
	r = Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if f := findingAt(t, r, ReqL7, "cascade", "sw1", "44"); f.Status != StatusFail {
		t.Fatalf("got %s, want fail", f.Status)
	}
}

func TestManyMACsOnAFastPortIsAnUplink(t *testing.T) {
	p := pcPort(8, "sfp-sfpplus8")
	p.SpeedMbps, p.TaggedVLANs = 10000, nil
	p.MACs = nil
	for i := range 31 {
		p.MACs = append(p.MACs, snapshot.MAC{MAC: macN(i), VLAN: 1})
	}
	r := Run(site(newSwitch("sw1", p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "sfp-sfpplus8"); got.Role != RoleUplink {
		t.Fatalf("got %s, want uplink", got.Role)
	}
	noFindingAt(t, r, "sw1", "sfp-sfpplus8")
}

func TestManyMACsWithoutLLDPIsUnknownNotAHub(t *testing.T) {
	p := pcPort(2, "Ex0/1")
	p.LLDPAdmin = ""
	p.MACs = nil
	for i := range 4 {
		p.MACs = append(p.MACs, snapshot.MAC{MAC: macN(i), VLAN: 1})
	}
	sw := newSwitch("sw1", p)
	r := Run(site(sw), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "Ex0/1"); got.Role != RoleUnknown {
		t.Fatalf("got %s, want unknown", got.Role)
	}
	if f := findingAt(t, r, ReqL7, "unmanaged-switch", "sw1", "Ex0/1"); f.Status != StatusUnknown {
		t.Errorf("got %s, want unknown", f.Status)
	}
	// With LLDP heard elsewhere on the switch, the silence is evidence.
	up := uplinkPort(1, "Te1/1/1")
	up.Neighbors = []snapshot.Neighbor{lldpSwitch("core")}
	r = Run(site(newSwitch("sw1", up, p)), wte(t), Site{})
	if got := roleOf(t, r, "sw1", "Ex0/1"); got.Role != RoleUnmanagedSwitch {
		t.Fatalf("LLDP heard: got %s, want unmanagedSwitch", got.Role)
	}
}

func TestProbeJudgesDHCPAndTransport(t *testing.T) {
	snap := site(newSwitch("sw1", phonePort(2, "Gi1/0/2")))
	r := Run(snap, wte(t), Site{})
	if f := findingAt(t, r, ReqD1, "dhcp-data", "", ""); f.Status != StatusManual {
		t.Fatalf("no probe: got %s, want manual", f.Status)
	}
	snap.Probe = &snapshot.Probe{Interface: "eth0",
		DHCP: []snapshot.DHCPVLAN{
			{Role: "data", Offers: []snapshot.DHCPOffer{{ServerID: "198.18.10.1", Address: "198.18.10.50", Network: "198.18.10.0/24"}}},
			{Role: "voice", VLAN: voiceVLAN, Offers: []snapshot.DHCPOffer{}},
		},
		Transport: []snapshot.TransportTest{{Target: "198.18.10.1", OneWayMs: 2, Pass: true}},
		Findings:  []snapshot.ProbeFinding{{Requirement: "D2", Severity: "fail", Subject: "vlan 20", Message: "no DHCP offer in the voice VLAN"}},
		Skipped:   []string{"dns: no names to resolve"},
	}
	r = Run(snap, wte(t), Site{})
	for _, tc := range []struct {
		req, check string
		want       Status
	}{{ReqD1, "dhcp-data", StatusPass}, {ReqD2, "dhcp-voice", StatusFail}, {ReqD4, "dhcp-single", StatusPass},
		{ReqT, "transport", StatusPass}, {ReqD5, "dns", StatusManual}, {ReqF, "openings", StatusManual}} {
		if f := findingAt(t, r, tc.req, tc.check, "", ""); f.Status != tc.want {
			t.Errorf("%s: got %s, want %s (%s)", tc.req, f.Status, tc.want, f.Message.EN)
		}
	}
	if f := findingAt(t, r, ReqD2, "dhcp-voice", "", ""); !strings.Contains(f.Message.EN, "no DHCP offer in the voice VLAN") {
		t.Errorf("D2 message: %s", f.Message.EN)
	}
}

func TestCentralGatewayCarriesAllSites(t *testing.T) {
	snap := site(newSwitch("sw1", phonePort(2, "Gi1/0/2")))
	// 30 users here + 70 through the VPN = 100 users = 27 channels; a
	// 2 Mbit/s SDSL carries 10.
	gw := Site{Users: 30, CarriedUsers: 70, CarriedSites: []string{"lyon", "nice"},
		WAN: &sizing.WAN{Access: sizing.AccessSDSL, UpKbps: 2048, DownKbps: 2048}}
	r := Run(snap, wte(t), gw)
	f := findingAt(t, r, ReqW, "sizing", "", "")
	if f.Status != StatusFail || r.Sizing.Users != 100 || r.Sizing.Channels != 27 {
		t.Fatalf("gateway: got %s, sizing %+v", f.Status, r.Sizing)
	}
	r = Run(snap, wte(t), Site{Users: 30, InternetVia: "paris"})
	if f := findingAt(t, r, ReqW, "sizing", "", ""); f.Status != StatusPass || r.Sizing != nil || !strings.Contains(f.Message.EN, "site paris") {
		t.Errorf("branch: got %s %s", f.Status, f.Message.EN)
	}
}

func TestJackWithTwoSwitchesHeard(t *testing.T) {
	snap := site(newSwitch("sw1", phonePort(2, "Gi1/0/2")))
	snap.Here = &snapshot.Here{Interface: "eth0", Neighbors: []snapshot.Neighbor{lldpSwitch("sw1"), lldpPhone(yealinkMAC, "SIP-T46S")}}
	r := Run(snap, wte(t), Site{})
	if f := findingAt(t, r, ReqL7, "jack", "", ""); f.Status != StatusPass {
		t.Errorf("one switch and a phone: got %s", f.Status)
	}
	other := lldpSwitch("cheap-desk-switch")
	other.ChassisID = "00:aa:bb:cc:dd:ee"
	snap.Here.Neighbors = append(snap.Here.Neighbors, other)
	r = Run(snap, wte(t), Site{})
	if f := findingAt(t, r, ReqL7, "jack", "", ""); f.Status != StatusFail {
		t.Errorf("two switches: got %s", f.Status)
	}
}

func TestDeclaredStandardButVoiceVLANSeen(t *testing.T) {
	r := Run(site(newSwitch("sw1", phonePort(2, "Gi1/0/2"))), wte(t), Site{Engineering: EngineeringStandard})
	if f := findingAt(t, r, ReqL9, "engineering", "", ""); f.Status != StatusWarn || f.Evidence[0].Values[0] != "20" {
		t.Errorf("got %s %v", f.Status, f.Evidence)
	}
}

func TestDuplicateTargetIsSetAside(t *testing.T) {
	r := Run(site(newSwitch("sw1", phonePort(2, "Gi1/0/2")), newSwitch("sw1", pcPort(2, "Gi1/0/2"))), wte(t), Site{})
	if f := findingAt(t, r, ReqL1, "duplicate", "sw1", ""); f.Status != StatusUnknown {
		t.Errorf("got %s", f.Status)
	}
	ids := map[string]bool{}
	for _, f := range r.Findings {
		if ids[f.ID] {
			t.Errorf("finding id %s twice", f.ID)
		}
		ids[f.ID] = true
	}
	if got := roleOf(t, r, "sw1", "Gi1/0/2"); got.Role != RolePhone {
		t.Errorf("the first switch is audited: got %s", got.Role)
	}
}

func TestJackPolicy(t *testing.T) {
	snap := site(newSwitch("sw1", phonePort(2, "Gi1/0/2")))
	sw := lldpSwitch("sw1")
	sw.MED = &snapshot.MED{DeviceClass: "networkConnectivity", Policies: []snapshot.Policy{{Application: "voice", VLAN: 30, Tagged: true, Priority: 5, DSCP: 46}}}
	snap.Here = &snapshot.Here{Interface: "eth0", Neighbors: []snapshot.Neighbor{sw}}
	r := Run(snap, wte(t), Site{})
	if f := findingAt(t, r, ReqL5, "jack-policy", "", ""); f.Status != StatusFail {
		t.Errorf("VLAN 30 advertised, 20 expected: got %s", f.Status)
	}
	snap.Here.Neighbors[0].MED.Policies[0].VLAN = voiceVLAN
	r = Run(snap, wte(t), Site{})
	if f := findingAt(t, r, ReqL5, "jack-policy", "", ""); f.Status != StatusPass {
		t.Errorf("right VLAN: got %s", f.Status)
	}
}

// TestManagementPortsAreNotJudged: out-of-band management interfaces listed
// beside the switch ports (a Catalyst's Fa0, a ProCurve's oobm0, Junos em0,
// Dell ManagementEthernet) get no role and no change, while a free switch
// port beside them is prepared for a phone; a port with a management-like
// name that sits in a VLAN is a switch port and judged as one.
func TestManagementPortsAreNotJudged(t *testing.T) {
	free := pcPort(3, "Gi1/0/3")
	free.OperUp, free.MACs, free.TaggedVLANs, free.VoiceVLAN, free.MEDPolicies = false, nil, nil, 0, nil
	bridged := free
	bridged.IfIndex, bridged.Name, bridged.BridgePort = 4, "eth1", 4
	mgmt := func(idx int, name, descr string) snapshot.Port {
		return snapshot.Port{IfIndex: idx, Name: name, Descr: descr, Type: "ethernetCsmacd", AdminUp: true, SpeedMbps: 100, Duplex: "unknown"}
	}
	sw := newSwitch("sw1", phonePort(2, "Gi1/0/2"), free, bridged,
		mgmt(14002, "Fa0", "FastEthernet0"),
		mgmt(5481, "oobm0", "Out Of Band Management Port"),
		mgmt(17, "em0", "em0"),
		mgmt(7340033, "ManagementEthernet 0/0", "ManagementEthernet 0/0"),
		mgmt(9001, "", "Out Of Band Management Port"))
	r := Run(site(sw), wte(t), Site{Engineering: EngineeringVoiceVLAN, VoiceVLAN: voiceVLAN, DataVLAN: dataVLAN})
	management := []string{"Fa0", "oobm0", "em0", "ManagementEthernet 0/0", "Out Of Band Management Port"}
	for _, pr := range r.Ports {
		if slices.Contains(management, pr.Port) {
			t.Errorf("management port %s judged as %s", pr.Port, pr.Role)
		}
	}
	touched := map[string]bool{}
	for _, c := range BuildPlan(r).For("sw1") {
		touched[c.Port] = true
	}
	for _, name := range management {
		if touched[name] {
			t.Errorf("plan changes management port %s", name)
		}
	}
	for _, name := range []string{"Gi1/0/3", "eth1"} {
		if !touched[name] {
			t.Errorf("switch port %s not prepared for a phone; plan touches %v", name, touched)
		}
	}
}

// Nothing read is never a pass: an empty snapshot, a site whose switches
// all stayed silent, and a site read with nothing but uplinks are each
// incomplete, with a site-wide unknown finding saying why.
func TestNothingJudgedIsIncomplete(t *testing.T) {
	dead := snapshot.Switch{Target: "10.0.0.9", Errors: []snapshot.Error{{Target: "10.0.0.9", Stage: "connect", Message: "timeout after 3 tries"}}}
	onlyUplinks := newSwitch("core", uplinkPort(1, "Gi1/0/1"))
	onlyUplinks.Ports[0].Neighbors = []snapshot.Neighbor{lldpSwitch("dist")}
	for _, tc := range []struct {
		name  string
		snap  *snapshot.Snapshot
		check string
		want  string
	}{
		{"empty snapshot", site(), "nothing-read", "The snapshot holds no switch"},
		{"every switch silent", site(dead), "nothing-read", "No switch was read"},
		{"only uplinks", site(onlyUplinks), "no-access-port", "No access port was judged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(tc.snap, wte(t), Site{})
			if r.Verdict != VerdictIncomplete {
				t.Fatalf("verdict: got %s, want incomplete\n%s", r.Verdict, dump(r))
			}
			f := findingAt(t, r, ReqL1, tc.check, "", "")
			if f.Status != StatusUnknown {
				t.Errorf("%s: got %s, want unknown", f.ID, f.Status)
			}
			if why := r.IncompleteReason(); !strings.Contains(why, tc.want) {
				t.Errorf("reason: got %q, want it to say %q", why, tc.want)
			}
		})
	}
	// One phone port judged is enough for the rule to stay silent.
	r := Run(site(newSwitch("sw1", phonePort(2, "Gi1/0/2"))), wte(t), Site{})
	for _, f := range r.Findings {
		if f.Check == "nothing-read" || f.Check == "no-access-port" {
			t.Errorf("a site with a phone port judged got %s", f.ID)
		}
	}
}

func TestVerdictOf(t *testing.T) {
	for _, tc := range []struct {
		statuses []Status
		want     Verdict
	}{
		{nil, VerdictPass},
		{[]Status{StatusPass, StatusWarn, StatusManual}, VerdictPass},
		{[]Status{StatusPass, StatusUnknown}, VerdictIncomplete},
		{[]Status{StatusUnknown, StatusFail}, VerdictFail},
	} {
		var fs []Finding
		for _, s := range tc.statuses {
			fs = append(fs, Finding{Status: s})
		}
		if got := VerdictOf(fs); got != tc.want {
			t.Errorf("%v: got %s, want %s", tc.statuses, got, tc.want)
		}
	}
}
