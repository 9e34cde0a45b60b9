// Package cisco_sb is the driver for Cisco Small Business switches (CBS250,
// CBS350, SG300, SG350 and their family): it reads their show outputs into
// the driver model and renders voice VLAN, general-mode port membership,
// LLDP-MED network policies and PoE as the SB CLI spells them, which differs
// from IOS ("voice vlan id", "switchport general allowed vlan add",
// "lldp med network-policy").
package cisco_sb
