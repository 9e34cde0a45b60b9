package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func richSnapshot() *Snapshot {
	s := New("demo-site")
	s.TakenAt = time.Date(2026, 11, 23, 14, 30, 0, 0, time.UTC)
	s.Switches = []Switch{{
		Target: "127.0.0.1:16100", Source: SourceSNMP, SysName: "SW1", SysDescr: "Cisco IOS Software, C3750",
		SysObjectID: "1.3.6.1.4.1.9.1.516", Vendor: "cisco", OS: "cisco_ios", Model: "WS-C3750-48PS-S",
		Version: "12.2(55)SE10", Serial: "FOC1234", ChassisID: "00:1b:d4:aa:bb:00", UptimeSeconds: 3600,
		VLANs: []VLAN{{ID: 1, Name: "default"}, {ID: 20, Name: "VOICE", Voice: true}},
		PoE:   PoE{Supported: true, PSEs: []PSE{{Index: 1, PowerW: 370, ConsumptionW: 42.5, Status: "on"}}},
		Ports: []Port{{
			IfIndex: 10101, Name: "Gi1/0/1", Descr: "GigabitEthernet1/0/1", Alias: "desk 12", Type: "ethernetCsmacd",
			MAC: "00:1b:d4:aa:bb:01", AdminUp: true, OperUp: true, SpeedMbps: 1000, Duplex: DuplexFull,
			BridgePort: 1, Mode: "access", PVID: 10, UntaggedVLANs: []int{10}, TaggedVLANs: []int{20}, VoiceVLAN: 20,
			PoE:         &PortPoE{AdminEnabled: true, Detection: "deliveringPower", Class: 2, PowerMw: 6300, MaxPowerMw: 15400, Priority: "low"},
			LLDPAdmin:   "txAndRx",
			MEDPolicies: []Policy{{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}},
			Counters:    &Counters{InErrors: 1, FCSErrors: 2, AlignmentErrors: 3, LateCollisions: 4},
			Neighbors: []Neighbor{{
				Protocol: ProtocolLLDP, ChassisID: "00:04:f2:12:34:56", PortID: "00:04:f2:12:34:56", PortDescr: "WAN Port",
				SysName: "SEP0004F2123456", SysDescr: "Polycom SoundPoint IP 335", Platform: "SPIP335",
				Capabilities: []string{"bridge", "telephone"}, MgmtAddress: "198.18.20.101",
				MED: &MED{DeviceClass: "endpointClass3", Policies: []Policy{{Application: "voice", Unknown: true}},
					Manufacturer: "Polycom", Model: "SPIP335", SoftwareRev: "4.0.1"},
			}},
			MACs: []MAC{{MAC: "00:04:f2:12:34:56", VLAN: 20}, {MAC: "3c:52:82:00:00:01", VLAN: 10}},
		}, {IfIndex: 10102, Name: "Gi1/0/2", Type: "ethernetCsmacd", Duplex: DuplexUnknown, PoE: nil}},
		Errors: []Error{{Target: "127.0.0.1:16100", Stage: "lldp", Message: "no LLDP-MIB"}},
	}}
	s.Here = &Here{Interface: "eth0", ListenedSeconds: 2.5, HeardAt: time.Date(2026, 11, 23, 14, 29, 0, 0, time.UTC),
		Neighbors: []Neighbor{{Protocol: ProtocolCDP, ChassisID: "SW1", PortID: "Gi1/0/1", NativeVLAN: 10, VoiceVLAN: 20, Capabilities: []string{"bridge", "igmp"}}}}
	s.Probe = &Probe{Interface: "eth0"}
	s.Errors = []Error{{Target: "10.0.0.9", Stage: "connect", Message: "timeout after 3 tries"}}
	s.Normalize()
	return s
}

func TestRoundTrip(t *testing.T) {
	for name, s := range map[string]*Snapshot{"rich": richSnapshot(), "empty": New("")} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, s); err != nil {
				t.Fatal(err)
			}
			got, err := Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, s) {
				t.Errorf("decode(encode(x)) != x\ngot  %+v\nwant %+v", got, s)
			}
			var again bytes.Buffer
			if err := Encode(&again, got); err != nil {
				t.Fatal(err)
			}
			if again.String() != buf.String() {
				t.Errorf("second encoding differs:\n%s\n---\n%s", again.String(), buf.String())
			}
		})
	}
}

func TestEncodeContractNames(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, richSnapshot()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, key := range []string{`"schema": "voxlan.snapshot/v1"`, `"takenAt": "2026-11-23T14:30:00Z"`, `"site"`, `"switches"`, `"errors"`,
		`"target"`, `"sysName"`, `"sysDescr"`, `"sysObjectID"`, `"vendor"`, `"os"`, `"model"`, `"version"`, `"chassisId"`,
		`"vlans"`, `"poe"`, `"supported"`, `"pses"`, `"powerW"`, `"consumptionW"`, `"status"`, `"ports"`,
		`"ifIndex"`, `"name"`, `"descr"`, `"alias"`, `"type"`, `"adminUp"`, `"operUp"`, `"speedMbps"`, `"duplex"`, `"pvid"`,
		`"untaggedVlans"`, `"taggedVlans"`, `"voiceVlan"`, `"adminEnabled"`, `"detection"`, `"class"`, `"powerMw"`,
		`"neighbors"`, `"protocol"`, `"portId"`, `"portDescr"`, `"platform"`, `"capabilities"`, `"mgmtAddress"`,
		`"med"`, `"deviceClass"`, `"policies"`, `"application"`, `"vlan"`, `"tagged"`, `"priority"`, `"dscp"`,
		`"macs"`, `"mac"`, `"stage"`, `"message"`} {
		if !strings.Contains(out, key) {
			t.Errorf("encoded snapshot lacks %s", key)
		}
	}
	if !strings.Contains(out, `"poe": null`) {
		t.Errorf("a port without PSE must encode \"poe\": null")
	}
}

func TestDecodeRejectsSchema(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"future", `{"schema":"voxlan.snapshot/v2","switches":[]}`, `unsupported schema "voxlan.snapshot/v2": this voxlan reads "voxlan.snapshot/v1"`},
		{"other document", `{"schema":"voxlan.audit/v1"}`, `unsupported schema "voxlan.audit/v1"`},
		{"missing", `{"switches":[]}`, `no "schema" field; this is not a voxlan snapshot`},
		{"not json", `switches: []`, `snapshot: not JSON`},
		{"wrong type", `{"schema":"voxlan.snapshot/v1","switches":"x"}`, `snapshot: decode`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.doc))
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
			if tt.name != "not json" && tt.name != "wrong type" && !errors.Is(err, ErrSchema) {
				t.Errorf("got %v, want errors.Is(err, ErrSchema)", err)
			}
		})
	}
}

func TestDecodeAcceptsAddedFields(t *testing.T) {
	doc := `{"schema":"voxlan.snapshot/v1","takenAt":"2026-01-02T03:04:05Z","site":"a","switches":[{"target":"h","futureField":1}],"errors":[]}`
	s, err := Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Switches[0].Target, "h"; got != want {
		t.Errorf("got target %q, want %q", got, want)
	}
	if s.Switches[0].Ports == nil || s.Switches[0].VLANs == nil {
		t.Errorf("got nil lists after decode, want empty lists")
	}
}

// TestEncodeMatchesMarshalIndent pins Encode, which streams switch by
// switch, to what encoding/json writes for the whole document at once.
func TestEncodeMatchesMarshalIndent(t *testing.T) {
	many := richSnapshot()
	many.Site = "site \"switches\": [] <&>\n"
	for i := range 3 {
		sw := many.Switches[0]
		sw.Target = fmt.Sprintf("198.18.0.%d", i+2)
		sw.Ports = append([]Port(nil), sw.Ports...)
		many.Switches = append(many.Switches, sw)
	}
	noHere := richSnapshot()
	noHere.Here, noHere.Probe = nil, nil
	noPorts := New("x")
	noPorts.Switches = []Switch{{Target: "h"}}
	for name, s := range map[string]*Snapshot{"rich": richSnapshot(), "many": many, "no here": noHere,
		"empty": New(""), "switch without ports": noPorts, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := Encode(&got, s); err != nil {
				t.Fatal(err)
			}
			want, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, '\n')
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("Encode differs from json.MarshalIndent:\n%s\n--- want\n%s", got.Bytes(), want)
			}
		})
	}
}

// BenchmarkEncode encodes 200 switches of 128 ports each (the size of the
// 200-switch bench in bench/run.sh): B/op is what encoding holds.
//
//	go test -run '^$' -bench BenchmarkEncode -benchmem ./snapshot
func BenchmarkEncode(b *testing.B) {
	s := richSnapshot()
	sw := s.Switches[0]
	port := sw.Ports[0]
	sw.Ports = nil
	for i := range 128 {
		port.IfIndex = 10101 + i
		sw.Ports = append(sw.Ports, port)
	}
	s.Switches = nil
	for range 200 {
		s.Switches = append(s.Switches, sw)
	}
	var n int64
	for b.Loop() {
		cw := &countingWriter{}
		if err := Encode(cw, s); err != nil {
			b.Fatal(err)
		}
		n = cw.n
	}
	b.ReportMetric(float64(n)/1e6, "MB-written")
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// zeros is /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestDecodeBounded: an endless input ends at once as not JSON; more
// switches than MaxSwitches are refused before they are decoded; trailing
// data after the snapshot is refused.
func TestDecodeBounded(t *testing.T) {
	if _, err := Decode(zeros{}); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("/dev/zero: got %v, want not JSON", err)
	}
	var b strings.Builder
	b.WriteString(`{"schema":"voxlan.snapshot/v1","site":"x","switches":[`)
	for i := range MaxSwitches + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"target":"t"}`)
	}
	b.WriteString(`]}`)
	if _, err := Decode(strings.NewReader(b.String())); !errors.Is(err, ErrTooLarge) {
		t.Errorf("%d switches: got %v, want ErrTooLarge", MaxSwitches+1, err)
	}
	if _, err := Decode(strings.NewReader(`{"schema":"voxlan.snapshot/v1","switches":[]} {}`)); err == nil {
		t.Error("trailing data accepted")
	}
	if s, err := Decode(strings.NewReader(`{"schema":"voxlan.snapshot/v1","switches":[{"target":"a"}]}` + "\n")); err != nil || len(s.Switches) != 1 {
		t.Errorf("one switch: got %v", err)
	}
}
