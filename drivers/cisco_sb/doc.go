// Package cisco_sb is the driver for Cisco Small Business switches (CBS250,
// CBS350, SG300, SG350 and their family): it reads their show outputs into
// the driver model and renders voice VLAN, general-mode port membership,
// LLDP-MED network policies and PoE as the SB CLI spells them, which differs
// from IOS ("voice vlan id", "switchport general allowed vlan add",
// "lldp med network-policy").
//
// How SB differs from IOS, and what the driver does about it:
//
//   - A phone port is a general-mode port: `switchport mode general`, the
//     data VLAN untagged and as PVID, the voice VLAN tagged
//     (`switchport general allowed vlan add V tagged`).
//   - The voice VLAN is switch-wide (`voice vlan id V`); a port's voice VLAN
//     in the model is its tagged membership of that VLAN. Want refuses two
//     different voice VLANs on one switch.
//   - VLANs are created in `vlan database` and named under `interface vlan
//     N`.
//   - LLDP-MED policies are global and numbered (`lldp med network-policy N
//     voice vlan V vlan-type tagged up P dscp D`, 1-32) and added to ports
//     (`lldp med network-policy add N`); SB's automatic voice policy is
//     turned off (`no lldp med network-policy voice auto`) before a manual
//     voice policy goes in, and back on when rolled back.
//   - SB keeps a port's access, trunk and general settings side by side.
//     Leaving general mode removes the general memberships and PVID first,
//     so a rolled-back port's running configuration is as it was.
//   - Paging is off after `terminal datadump`; saving asks "Overwrite file
//     [startup-config].... (Y/N)[N] ?", answered Y. scrapligo has no SB
//     platform, so platform.yaml is embedded and passed as Attrs.PlatformYAML.
//
// Not read yet: `show power inline` (no recorded SB sample to pin a parser
// on), so PoE in a snapshot built from CLI outputs is the configured admin
// state only.
package cisco_sb
