// Package hp_comware is the driver for HPE FlexNetwork / H3C switches
// running Comware 5 and 7 (HPE 5130, 5140, 5510, 5710, 1950; H3C S5130,
// S5560, S6850...).
//
// Comware keeps VLAN membership per interface. A phone port is a hybrid
// port: `port link-type hybrid`, the data VLAN untagged and as PVID (`port
// hybrid vlan D untagged`, `port hybrid pvid vlan D`), the voice VLAN tagged
// (`port hybrid vlan V tagged`) and enabled as the port's voice VLAN in
// manual mode (`undo voice-vlan mode auto`, `voice-vlan V enable`), whose
// QoS (`voice-vlan qos <cos> <dscp>`, default 6 and 46) is what LLDP-MED's
// network policy advertises. LLDP is `lldp global enable` and per port
// `lldp admin-status txrx`; PoE is `poe enable` per port.
//
// Documents followed: HPE FlexNetwork 5130 HI Switch Series Layer 2 - LAN
// Switching Configuration Guide (voice VLAN chapter: manual and automatic
// assignment, `voice-vlan qos` before `voice-vlan enable`), H3C S6850
// configuration guide (voice VLAN QoS defaults 6/46), HPE 5700 Comware 7
// L2-LAN guide and 7500 command reference (`lldp global enable`, `lldp
// admin-status`, voice VLAN LLDP example), HPE 5820X/5800 PoE guide (`poe
// enable`), netmiko hp_comware (`save force`), scrapligo's built-in
// hp_comware platform (prompts, `screen-length disable`, error texts), and
// ntc-templates samples for the show layouts. What none of them confirms is
// listed in docs/hp_comware.md.
package hp_comware
