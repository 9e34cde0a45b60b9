// Package dell_os10 is the driver for Dell SmartFabric OS10 switches
// (S-series, Z-series, N3200-ON and the other -ON models running OS10).
//
// OS10 keeps VLAN membership per interface, in Cisco-like words: an access
// port is `switchport access vlan D`; a phone port is a trunk
// (`switchport mode trunk`) whose untagged VLAN is still its access VLAN
// (`switchport access vlan D`) and whose tagged VLANs are listed by
// `switchport trunk allowed vlan V` (additive; `no switchport trunk allowed
// vlan V` removes). VLANs are interfaces (`interface vlan20`, named by
// `description`). LLDP runs by default (`lldp enable`, per port `lldp
// transmit` / `lldp receive`); LLDP-MED network policies are numbered and
// global (`lldp med network-policy N app voice vlan V vlan-type tag
// priority P dscp D`) and a port advertises them with `lldp med
// network-policy add N`. Configuration is saved with `copy
// running-configuration startup-configuration`; `terminal length 0` stops
// paging.
//
// Documents followed: Dell *SmartFabric OS10 User Guide* (release 10.5;
// VLAN and LLDP chapters, "lldp med network-policy", "transaction-based
// configuration"), Dell knowledge base article 000120163 *How to use
// Transaction-Based Configuration Mode*, ansible-collections/dellemc.os10
// (roles os10_vlan and os10_lldp templates, the os10 terminal plugin's
// prompt and error patterns), and the real outputs in testdata/. What none
// of these confirms is listed in docs/dell_os10.md.
//
// OS10 has no revert timer: `start transaction` / `commit` only delays a
// change until committed, and nothing undoes a committed change by itself,
// so this driver implements no drivers.SafetyNet and apply relies on its
// own backup, verification and rollback, leaving the startup configuration
// untouched until the change is verified. PoE is not rendered: most OS10
// models have none and no OS10 PoE command was confirmed.
package dell_os10
