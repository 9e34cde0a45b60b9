// Package aruba_aoss is the driver for HP ProCurve / ArubaOS-Switch (AOS-S)
// switches. AOS-S keeps VLAN membership per VLAN, not per interface: a
// `vlan N` context holds `name`, `untagged <ports>`, `tagged <ports>` and the
// `voice` flag, with port lists such as `1-24,A1`. A phone port carries the
// data VLAN untagged and the voice VLAN tagged; LLDP-MED network policy
// follows from the voice flag (`lldp config <ports> medTlvEnable
// network-policy`), with `lldp run` globally and `interface <p>
// power-over-ethernet` for PoE.
package aruba_aoss
