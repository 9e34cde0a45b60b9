#!/usr/bin/python3
"""Send one DHCPDISCOVER (802.1Q-tagged when VID is given) on IFACE with scapy
and print one line per OFFER: vlan, yiaddr, server id, router.  From lab.md
(scripts/dhcp_discover_scapy.py), the verified reference client.
Usage: discover_scapy.py IFACE [VID]"""
import os, sys, time
from scapy.all import AsyncSniffer, BOOTP, DHCP, Dot1Q, Ether, IP, UDP, conf, mac2str, sendp
conf.verb = 0
iface = sys.argv[1]
vid = int(sys.argv[2]) if len(sys.argv) > 2 else None
mac = '02:00:5e:' + os.urandom(3).hex(':')
xid = int.from_bytes(os.urandom(4), 'big')
l2 = Ether(src=mac, dst='ff:ff:ff:ff:ff:ff')
if vid is not None:
    l2 = l2 / Dot1Q(vlan=vid, prio=5)
pkt = (l2 / IP(src='0.0.0.0', dst='255.255.255.255') / UDP(sport=68, dport=67) /
       BOOTP(chaddr=mac2str(mac), xid=xid, flags=0x8000) /
       DHCP(options=[('message-type', 'discover'), ('param_req_list', [1, 3, 6, 15, 43, 66, 150]), 'end']))
sn = AsyncSniffer(iface=iface, lfilter=lambda p: BOOTP in p and p[BOOTP].xid == xid and p[BOOTP].op == 2)
sn.start(); time.sleep(0.3)
sendp(pkt, iface=iface)
time.sleep(float(os.environ.get('WAIT', '1.5'))); res = sn.stop()
for p in res:
    opts = {o[0]: o[1] for o in p[DHCP].options if isinstance(o, tuple)}
    print('OFFER vlan=%s yiaddr=%s server=%s router=%s' % (
        p[Dot1Q].vlan if Dot1Q in p else None, p[BOOTP].yiaddr, opts.get('server_id'), opts.get('router')))
if not res:
    print('no OFFER')
