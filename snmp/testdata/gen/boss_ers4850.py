#!/usr/bin/env python3
"""Write snmprec/boss_ers4850_rcvlan.snmprec: an Avaya ERS 4850GTS-PWR+
(BOSS) as RC-VLAN-MIB describes it, with no Q-BRIDGE-MIB VLAN table.

Hand-written from the MIB text (see ../README.md), not walked from a switch.
Run from snmp/testdata: python3 gen/boss_ers4850.py
"""

RC = "1.3.6.1.4.1.2272.1.3"
MAC = [0x00, 0x1B, 0x4F, 0x5E, 0xA0, 0x00]  # 00:1b:4f is an Avaya OUI

# VLAN id -> (name, voice)
VLANS = {1: ("VLAN #1", False), 10: ("Data", False), 20: ("Voice", True),
         30: ("Printers", False), 99: ("Mgmt", False)}

# (ifIndexes, PVID, rcVlanPortType, rcVlanPortPerformTagging, member VLANs)
ACCESS, TRUNK = 1, 2
TAG_ALL, UNTAG_ALL, TAG_PVID_ONLY, UNTAG_PVID_ONLY = 1, 2, 3, 4
PORTS = [
    (range(1, 21), 10, TRUNK, UNTAG_PVID_ONLY, [10, 20]),   # phone + PC
    (range(21, 31), 10, ACCESS, UNTAG_ALL, [10]),           # PC only
    (range(31, 35), 30, ACCESS, UNTAG_ALL, [30]),           # printers
    (range(35, 37), 99, TRUNK, TAG_PVID_ONLY, [1, 99]),     # 99 tagged, 1 untagged
    (range(37, 45), 1, ACCESS, UNTAG_ALL, [1]),             # unused
    (range(45, 47), 20, ACCESS, UNTAG_ALL, [20]),           # phones untagged in voice
    (range(47, 49), 1, ACCESS, UNTAG_ALL, [1]),             # unused
    (range(49, 51), 1, TRUNK, TAG_ALL, [1, 10, 20, 30, 99]),  # uplinks
]


def portset(ifindexes):
    """RAPID-CITY PortSet: 88 octets, MSB of octet 0 = ifIndex 0."""
    b = bytearray(88)
    for i in ifindexes:
        b[i // 8] |= 0x80 >> (i % 8)
    return b.hex()


def mac(i):
    m = MAC[:]
    m[5] += i
    return bytes(m).hex()


lines = [
    "1.3.6.1.2.1.1.1.0|4|Ethernet Routing Switch 4850GTS-PWR+ HW:14 FW:5.8.0.1 SW:v5.8.3.017",
    "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.45.3.78.2",
    "1.3.6.1.2.1.1.3.0|67|123456789",
    "1.3.6.1.2.1.1.5.0|4|ers4850-closet2",
    "1.0.8802.1.1.2.1.3.1.0|2|4",
    "1.0.8802.1.1.2.1.3.2.0|4x|" + mac(0),
]
port_vlans = {}
for ifs, pvid, kind, tagging, vlans in PORTS:
    for i in ifs:
        port_vlans[i] = (pvid, kind, tagging, vlans)
for i in range(1, 51):
    up = 1 if i <= 20 or i in (45, 46, 49, 50) else 2
    speed = 10000 if i >= 49 else 1000
    lines += [
        f"1.3.6.1.2.1.2.2.1.2.{i}|4|Ethernet Port on unit 1, port {i}",
        f"1.3.6.1.2.1.2.2.1.3.{i}|2|6",
        f"1.3.6.1.2.1.2.2.1.5.{i}|66|{4294967295 if speed == 10000 else speed * 1000000}",
        f"1.3.6.1.2.1.2.2.1.6.{i}|4x|{mac(i)}",
        f"1.3.6.1.2.1.2.2.1.7.{i}|2|1",
        f"1.3.6.1.2.1.2.2.1.8.{i}|2|{up}",
        f"1.3.6.1.2.1.31.1.1.1.15.{i}|66|{speed}",
        f"1.3.6.1.2.1.17.1.4.1.2.{i}|2|{i}",
    ]
    pvid, kind, tagging, _ = port_vlans[i]
    lines += [
        f"{RC}.3.1.1.{i}|2|{i}",               # rcVlanPortIndex
        f"{RC}.3.1.4.{i}|2|{kind}",            # rcVlanPortType
        f"{RC}.3.1.7.{i}|2|{pvid}",            # rcVlanPortDefaultVlanId
        f"{RC}.3.1.8.{i}|2|{tagging}",         # rcVlanPortPerformTagging
        f"{RC}.3.1.13.{i}|2|2",                # rcVlanPortUntagDefaultVlan false
    ]
for vid, (name, voice) in VLANS.items():
    members = [i for i, (_, _, _, vl) in port_vlans.items() if vid in vl]
    lines += [
        f"{RC}.2.1.1.{vid}|2|{vid}",           # rcVlanId
        f"{RC}.2.1.2.{vid}|4|{name}",          # rcVlanName
        f"{RC}.2.1.10.{vid}|2|1",              # rcVlanType byPort
        f"{RC}.2.1.11.{vid}|4x|{portset(members)}",  # rcVlanPortMembers
        f"{RC}.2.1.13.{vid}|4x|{portset(members)}",  # rcVlanStaticMembers
        f"{RC}.2.1.62.{vid}|2|{1 if voice else 2}",  # rcVlanVoiceEnabled
    ]
lines.append(f"{RC}.1.0|2|{len(VLANS)}")       # rcVlanNumVlans

lines.sort(key=lambda l: tuple(int(a) for a in l.split("|", 1)[0].split(".")))
with open("snmprec/boss_ers4850_rcvlan.snmprec", "w") as f:
    f.write("\n".join(lines) + "\n")
