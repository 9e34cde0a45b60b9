package lldp

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// Phone is the IP phone voxlan pretends to be so the switch answers at once.
// Switches start LLDP-MED fast start (a burst of LLDPDUs, the first within
// milliseconds) only for a MED neighbour they have not seen yet, so every
// run uses a fresh locally administered chassis MAC.
type Phone struct {
	// Chassis is the fake phone's chassis ID, locally administered.
	Chassis [6]byte
	// Port is the laptop interface's MAC, the frames' source and port ID.
	Port [6]byte
	Name string
}

// NewPhone makes a phone with a random locally administered unicast chassis
// MAC read from rnd (crypto/rand when nil).
func NewPhone(rnd io.Reader, port [6]byte, name string) (Phone, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	p := Phone{Port: port, Name: name}
	if _, err := io.ReadFull(rnd, p.Chassis[:]); err != nil {
		return Phone{}, fmt.Errorf("lldp: phone chassis ID: %w", err)
	}
	p.Chassis[0] = p.Chassis[0]&0xfc | 0x02 // unicast, locally administered
	return p, nil
}

// LLDPDU is the phone's LLDP-MED endpoint frame: class III, a voice network
// policy with the Unknown flag set (a phone that has no policy yet asks for
// one), telephone capability, TTL 120.
func (p Phone) LLDPDU() *LLDPDU {
	d := &LLDPDU{
		ChassisID:    ChassisID{Subtype: ChassisIDMACAddress, ID: p.Chassis[:]},
		PortID:       PortID{Subtype: PortIDMACAddress, ID: p.Port[:]},
		TTL:          120,
		SystemName:   []byte(p.Name),
		Capabilities: Capabilities{Present: true, System: CapTelephone | CapBridge, Enabled: CapTelephone},
	}
	d.MED.CapabilitiesPresent = true
	d.MED.Capabilities = 0x0001 | 0x0002 | 0x0020 // capabilities, network policy, inventory
	d.MED.DeviceClass = 3
	d.MED.Policies = []NetworkPolicy{{Application: AppVoice, Unknown: true}}
	d.MED.Manufacturer = []byte("voxlan")
	d.MED.Model = []byte("voxlan here")
	return d
}

// Shutdown is the TTL=0 LLDPDU that tells the switch to forget the phone.
func (p Phone) Shutdown() *LLDPDU {
	return &LLDPDU{
		ChassisID: ChassisID{Subtype: ChassisIDMACAddress, ID: p.Chassis[:]},
		PortID:    PortID{Subtype: PortIDMACAddress, ID: p.Port[:]},
	}
}

// CDP is the phone's CDPv2 frame with a VoIP VLAN query (appliance 1, VLAN
// 0: "which voice VLAN?"), as Cisco phones send at link-up. The device ID
// follows the phones' "SEP" + MAC convention.
func (p Phone) CDP() *CDP {
	return &CDP{
		Version:         2,
		TTL:             180,
		DeviceID:        []byte("SEP" + strings.ToUpper(hex.EncodeToString(p.Chassis[:]))),
		PortID:          []byte("Port 1"),
		Capabilities:    CDPCapHost | CDPCapPhone,
		CapsPresent:     true,
		SoftwareVersion: []byte(p.Name),
		Platform:        []byte("voxlan here"),
		Duplex:          1,
		VoIPVLANQuery:   CDPVLANDialogue{Present: true, ID: 1},
	}
}

// Frames returns the Ethernet frames to send: the LLDP-MED endpoint frame
// and the CDP frame.
func (p Phone) Frames() (lldpFrame, cdpFrame []byte, err error) {
	if lldpFrame, err = AppendLLDPFrame(nil, p.Port, p.LLDPDU()); err != nil {
		return nil, nil, err
	}
	if cdpFrame, err = AppendCDPFrame(nil, p.Port, p.CDP()); err != nil {
		return nil, nil, err
	}
	return lldpFrame, cdpFrame, nil
}

// ShutdownFrame returns the Ethernet frame of Shutdown.
func (p Phone) ShutdownFrame() ([]byte, error) {
	return AppendLLDPFrame(nil, p.Port, p.Shutdown())
}
