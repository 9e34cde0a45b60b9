package lldp

import (
	"bytes"
	"testing"
)

func TestPhoneFrames(t *testing.T) {
	port := [6]byte{0x36, 0x87, 0x4e, 0x77, 0xd3, 0x43}
	ph, err := NewPhone(bytes.NewReader([]byte{0xff, 1, 2, 3, 4, 5}), port, "voxlan")
	if err != nil {
		t.Fatal(err)
	}
	if ph.Chassis != [6]byte{0xfe, 1, 2, 3, 4, 5} {
		t.Errorf("chassis = % x, want fe 01 02 03 04 05 (unicast, locally administered)", ph.Chassis)
	}
	lf, cf, err := ph.Frames()
	if err != nil {
		t.Fatal(err)
	}
	var p Packet
	if err := p.DecodeEthernet(lf); err != nil {
		t.Fatal(err)
	}
	d := &p.LLDP
	if p.Protocol != ProtocolLLDP || d.ChassisID.String() != "fe:01:02:03:04:05" || d.PortID.String() != "36:87:4e:77:d3:43" || d.TTL != 120 {
		t.Errorf("LLDP frame = %v %s %s ttl %d", p.Protocol, d.ChassisID, d.PortID, d.TTL)
	}
	if d.MED.DeviceClass != 3 || len(d.MED.Policies) != 1 || d.MED.Policies[0] != (NetworkPolicy{Application: AppVoice, Unknown: true}) {
		t.Errorf("MED = class %d policies %+v, want class 3 and one unknown voice policy", d.MED.DeviceClass, d.MED.Policies)
	}
	if err := p.DecodeEthernet(cf); err != nil {
		t.Fatal(err)
	}
	c := &p.CDP
	if p.Protocol != ProtocolCDP || !c.ChecksumOK || !c.VoIPVLANQuery.Present || c.VoIPVLANQuery.ID != 1 || string(c.DeviceID) != "SEPFE0102030405" {
		t.Errorf("CDP frame = %v checksum %v query %+v device %q", p.Protocol, c.ChecksumOK, c.VoIPVLANQuery, c.DeviceID)
	}
	sf, err := ph.ShutdownFrame()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.DecodeEthernet(sf); err != nil || p.LLDP.TTL != 0 || p.LLDP.ChassisID.String() != "fe:01:02:03:04:05" {
		t.Errorf("shutdown frame: err %v ttl %d chassis %s", err, p.LLDP.TTL, p.LLDP.ChassisID)
	}
}

func TestCDPChecksumOddLength(t *testing.T) {
	// Encoding then verifying must agree for odd lengths with the last
	// byte below and above 0x80 (Cisco's quirk).
	for _, last := range []byte{0x41, 0xfd} {
		c := &CDP{Version: 2, TTL: 180, DeviceID: []byte{'a', 'b', last}, Duplex: -1}
		b, err := c.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if len(b)%2 != 1 {
			t.Fatalf("PDU of %d bytes, want an odd length", len(b))
		}
		var d CDP
		if err := d.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !d.ChecksumOK {
			t.Errorf("last byte %#x: checksum %#04x does not verify", last, d.Checksum)
		}
	}
}
