// Package aruba_aoscx is the driver for HPE Aruba AOS-CX switches (CX 4100i,
// 6000, 6100, 6200, 6300, 6400...).
//
// AOS-CX keeps VLAN membership per interface, like IOS but with its own
// words: an access port is `vlan access D`; a phone port carries the data
// VLAN untagged as the trunk's native VLAN and the voice VLAN tagged
// (`vlan trunk native D` + `vlan trunk allowed D,V`), and the voice VLAN
// carries the `voice` flag in its VLAN context, from which AOS-CX derives
// the LLDP-MED network policy. LLDP runs by default (`lldp`), per port
// `lldp transmit` / `lldp receive` / `lldp med network-policy`; PoE is
// `power-over-ethernet` per port (on by default).
//
// Documents followed: HPE *AOS-CX 10.07 Fundamentals Guide (6300, 6400)*,
// part 5200-7851 (VLAN commands pp.89-110, checkpoint auto pp.111-114, LLDP
// pp.226-249), HPE *AOS-CX Monitoring Guide (4100i/6000/6100)* PoE chapter,
// aruba/aoscx-ansible-collection@c6039d8 (terminal regex, `no page`), and
// ntc-templates samples for the show layouts. What none of these confirms is
// listed in docs/aruba_aoscx.md.
package aruba_aoscx
