package lldp

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/capture"
)

// tcpdumpPatterns pick values out of tcpdump -v decodes (the *.out files
// beside the captures). Each yields one (field, value) per match.
var tcpdumpPatterns = []struct {
	field string
	re    *regexp.Regexp
}{
	{"cdp.device", regexp.MustCompile(`Device-ID \(0x01\), value length: \d+ bytes?: '(.*)'`)},
	{"cdp.port", regexp.MustCompile(`Port-ID \(0x03\), value length: \d+ bytes?: '(.*)'`)},
	{"cdp.platform", regexp.MustCompile(`Platform \(0x06\), value length: \d+ bytes?: '(.*)'`)},
	{"cdp.caps", regexp.MustCompile(`Capability \(0x04\), value length: \d+ bytes?: \((0x[0-9a-f]+)\)`)},
	{"cdp.vtp", regexp.MustCompile(`VTP Management Domain \(0x09\), value length: \d+ bytes?: '(.*)'`)},
	{"cdp.native", regexp.MustCompile(`Native VLAN ID \(0x0a\), value length: \d+ bytes?: (\d+)`)},
	{"cdp.duplex", regexp.MustCompile(`Duplex \(0x0b\), value length: \d+ bytes?: (\w+)`)},
	{"cdp.addr", regexp.MustCompile(`Address(?:es)? \(0x(?:02|16)\), value length: \d+ bytes?: IPv4 \(1\) ([\d.]+)`)},
	{"cdp.ttl", regexp.MustCompile(`CDPv\d, ttl: (\d+)s`)},
	{"lldp.chassis", regexp.MustCompile(`(?s)Chassis ID TLV \(1\), length \d+\n\s+Subtype [^:]+: (\S+)`)},
	{"lldp.port", regexp.MustCompile(`(?s)Port ID TLV \(2\), length \d+\n\s+Subtype [^:]+: (\S+)`)},
	{"lldp.ttl", regexp.MustCompile(`TTL (\d+)s`)},
	{"lldp.portdesc", regexp.MustCompile(`Port Description TLV \(4\), length \d+: (.*)`)},
	{"lldp.sysname", regexp.MustCompile(`System Name TLV \(5\), length \d+: (.*)`)},
	{"lldp.sysdesc", regexp.MustCompile(`System Description TLV \(6\), length \d+\n\s+(.*)`)},
	{"lldp.enabled", regexp.MustCompile(`Enabled Capabilities \[.*\] \((0x[0-9a-f]+)\)`)},
	{"lldp.mgmt4", regexp.MustCompile(`AFI IPv4 \(1\): ([\d.]+)`)},
	{"lldp.mgmt6", regexp.MustCompile(`AFI IPv6 \(2\): ([0-9a-f:]+)`)},
	{"lldp.mau", regexp.MustCompile(`MAU type .* \((0x[0-9a-f]+)\)`)},
	{"lldp.mudurl", regexp.MustCompile(`MUD-URL=(.*)`)},
}

// tcpdumpFrames splits a tcpdump -v decode into frames by their leading
// frame number and extracts the fields of tcpdumpPatterns.
func tcpdumpFrames(t *testing.T, path string) map[int]map[string][]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := regexp.MustCompile(`(?m)^\s+(\d+)\s+\d\d:\d\d:\d\d\.\d+ `)
	idx := start.FindAllStringSubmatchIndex(string(b), -1)
	out := map[int]map[string][]string{}
	for i, m := range idx {
		end := len(b)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		block := string(b[m[0]:end])
		fields := map[string][]string{}
		for _, p := range tcpdumpPatterns {
			for _, sm := range p.re.FindAllStringSubmatch(block, -1) {
				fields[p.field] = append(fields[p.field], strings.TrimRight(sm[1], " \r"))
			}
		}
		out[n] = fields
	}
	return out
}

// ourFields renders voxlan's decode in tcpdump's terms.
func ourFields(p *Packet) map[string][]string {
	f := map[string][]string{}
	add := func(k string, v ...string) { f[k] = append(f[k], v...) }
	switch p.Protocol {
	case ProtocolCDP:
		c := &p.CDP
		add("cdp.ttl", strconv.Itoa(int(c.TTL)))
		add("cdp.device", string(c.DeviceID))
		add("cdp.port", string(c.PortID))
		add("cdp.platform", string(c.Platform))
		add("cdp.caps", fmt.Sprintf("0x%08x", c.Capabilities))
		if c.VTPDomain != nil {
			add("cdp.vtp", string(c.VTPDomain))
		}
		if c.NativeVLAN != 0 {
			add("cdp.native", strconv.Itoa(int(c.NativeVLAN)))
		}
		if c.Duplex >= 0 {
			add("cdp.duplex", map[int8]string{0: "half", 1: "full"}[c.Duplex])
		}
		for _, list := range [][]CDPAddress{c.Addresses, c.MgmtAddresses} {
			for _, a := range list {
				if a.IsIPv4() {
					s, _ := ianaAddr(1, a.Address)
					add("cdp.addr", s)
				}
			}
		}
	case ProtocolLLDP:
		l := &p.LLDP
		add("lldp.chassis", l.ChassisID.String())
		add("lldp.port", l.PortID.String())
		add("lldp.ttl", strconv.Itoa(int(l.TTL)))
		if l.PortDescription != nil {
			add("lldp.portdesc", text(l.PortDescription))
		}
		if l.SystemName != nil {
			add("lldp.sysname", text(l.SystemName))
		}
		if l.SystemDescription != nil {
			add("lldp.sysdesc", firstLine(text(l.SystemDescription)))
		}
		if l.Capabilities.Present {
			add("lldp.enabled", fmt.Sprintf("0x%04x", l.Capabilities.Enabled))
		}
		for _, m := range l.ManagementAddresses {
			if s, ok := ianaAddr(m.Family, m.Address); ok && m.Family == 1 {
				add("lldp.mgmt4", s)
			} else if ok && m.Family == 2 {
				add("lldp.mgmt6", s)
			}
		}
		if l.Dot3.MACPHY.Present {
			add("lldp.mau", fmt.Sprintf("0x%04x", l.Dot3.MACPHY.MAUType))
		}
		for _, o := range l.Unknown {
			if o.OUI == [3]byte{0, 0, 0x5e} && o.Subtype == 1 {
				add("lldp.mudurl", string(o.Info))
			}
		}
	}
	return f
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// TestDecodeMatchesTcpdump compares voxlan's decode with the tcpdump -v
// output stored beside each capture that has one.
func TestDecodeMatchesTcpdump(t *testing.T) {
	outs, _ := filepath.Glob("testdata/pcap/*.out")
	known := knownDisagreements(t)
	compared := 0
	for _, out := range outs {
		if strings.HasSuffix(out, ".vv.out") {
			continue // same frames as the .out, more verbose
		}
		pcap := strings.TrimSuffix(out, ".out") + ".pcap"
		t.Run(filepath.Base(out), func(t *testing.T) {
			want := tcpdumpFrames(t, out)
			r, err := capture.OpenFile(pcap)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var p Packet
			for {
				f, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				id := fmt.Sprintf("%s:%d", filepath.Base(pcap), r.Count)
				if _, ok := known[id]; ok {
					continue
				}
				if err := p.DecodeEthernet(f.Data); err != nil {
					t.Errorf("%s: %v (tcpdump decodes it)", id, err)
					continue
				}
				got := ourFields(&p)
				for field, w := range want[r.Count] {
					compared++
					if strings.Join(got[field], "|") != strings.Join(w, "|") {
						t.Errorf("%s: %s: voxlan %q, tcpdump %q", id, field, got[field], w)
					}
				}
			}
		})
	}
	if compared < 30 {
		t.Errorf("only %d fields compared", compared)
	}
}
