//go:build linux

package lldplab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/netns"
)

// ciscoCDP sends Cisco-like CDPv2 frames with scapy: what lldpd and ladvd
// cannot send (native VLAN, VoIP VLAN reply, power, trust bitmap, untrusted
// port CoS), with the values of a Catalyst 2960-X access port (lab.md).
const ciscoCDP = `import sys, time
from scapy.all import Dot3, LLC, SNAP, sendp, get_if_hwaddr, conf
from scapy.contrib.cdp import (CDPv2_HDR, CDPMsgDeviceID, CDPMsgSoftwareVersion, CDPMsgPlatform,
    CDPMsgAddr, CDPAddrRecordIPv4, CDPMsgPortID, CDPMsgCapabilities, CDPMsgNativeVLAN,
    CDPMsgVoIPVLANReply, CDPMsgDuplex, CDPMsgPower, CDPMsgVTPMgmtDomain, CDPMsgTrustBitmap,
    CDPMsgUntrustedPortCoS)
conf.verb = 0
iface, n, gap = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
cdp = CDPv2_HDR(vers=2, ttl=180, msg=[
    CDPMsgDeviceID(val=b'SW1.lab.test'),
    CDPMsgSoftwareVersion(val=b'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8'),
    CDPMsgPlatform(val=b'cisco WS-C2960X-48FPD-L'),
    CDPMsgAddr(addr=[CDPAddrRecordIPv4(addr='198.18.10.1')]),
    CDPMsgPortID(iface=b'GigabitEthernet1/0/1'),
    CDPMsgCapabilities(cap=0x28),
    CDPMsgVTPMgmtDomain(val=b'LAB'),
    CDPMsgNativeVLAN(vlan=10),
    CDPMsgDuplex(duplex=1),
    CDPMsgVoIPVLANReply(status=1, vlan=20),
    CDPMsgTrustBitmap(trust_bitmap=0),
    CDPMsgUntrustedPortCoS(untrusted_port_cos=0),
    CDPMsgPower(power=15400),
])
# Dot3: an 802.3 length field, as Cisco switches send (Ether() would use 0x8870).
frame = Dot3(dst='01:00:0c:cc:cc:cc', src=get_if_hwaddr(iface)) / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0x0c, code=0x2000) / cdp
for i in range(n):
    sendp(frame, iface=iface)
    if i + 1 < n:
        time.sleep(gap)
`

// SendCiscoCDP starts sending count Cisco-like CDP frames, gap apart, on
// iface in ns (Debian's /usr/bin/python3 with python3-scapy). It returns at
// once; the sender stops with the test.
func SendCiscoCDP(t testing.TB, ns *netns.NS, iface string, count int, gap time.Duration) {
	t.Helper()
	script := filepath.Join(t.TempDir(), "cisco_cdp.py")
	if err := os.WriteFile(script, []byte(ciscoCDP), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := ns.Command(ctx, "/usr/bin/python3", script, iface, fmt.Sprint(count), fmt.Sprint(gap.Seconds()))
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = 2 * time.Second
	if err := ns.Start(cmd); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("scapy CDP sender output:\n%s", out.String())
		}
	})
}
