package lldp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/lab/labtest"
)

// tsharkFields runs `tshark -r FILE -T json` and returns, per frame number,
// every leaf field in document order (tshark repeats keys inside one
// object, so a map-based decode would lose all but the last).
func tsharkFields(t *testing.T, file string) map[int][][2]string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "tshark", "-r", file, "-T", "json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark %s: %v: %s", file, err, stderr.String())
	}
	var pkts []json.RawMessage
	if err := json.Unmarshal(out, &pkts); err != nil {
		t.Fatalf("tshark json: %v", err)
	}
	frames := map[int][][2]string{}
	for _, raw := range pkts {
		var pairs [][2]string
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := walkJSON(dec, "", &pairs); err != nil {
			t.Fatalf("tshark json: %v", err)
		}
		n := 0
		for _, p := range pairs {
			if p[0] == "frame.number" {
				n, _ = strconv.Atoi(p[1])
			}
		}
		frames[n] = pairs
	}
	return frames
}

// walkJSON reads one JSON value and appends (key, string) for every string
// leaf, keyed by the nearest object key.
func walkJSON(dec *json.Decoder, key string, out *[][2]string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				if err := walkJSON(dec, k.(string), out); err != nil {
					return err
				}
			}
		case '[':
			for dec.More() {
				if err := walkJSON(dec, key, out); err != nil {
					return err
				}
			}
		}
		_, err := dec.Token() // closing delimiter
		return err
	case string:
		*out = append(*out, [2]string{key, v})
	}
	return nil
}

// values returns the values of key, in order.
func values(pairs [][2]string, key string) []string {
	var vs []string
	for _, p := range pairs {
		if p[0] == key {
			vs = append(vs, p[1])
		}
	}
	return vs
}

func num(s string) int {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return -1
	}
	return int(n)
}

// knownDisagreements lists frames where voxlan and tshark differ on purpose
// (testdata/DISAGREEMENTS.md explains each). Key: file:frame.
func knownDisagreements(t *testing.T) map[string]string {
	b, err := os.ReadFile("testdata/DISAGREEMENTS.md")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		// "- `file.pcap:1` reason"
		if strings.HasPrefix(line, "- `") {
			if end := strings.Index(line[3:], "`"); end > 0 {
				m[line[3:3+end]] = strings.TrimSpace(line[4+end:])
			}
		}
	}
	return m
}

// TestDecodeMatchesTshark decodes every frame of every capture in
// testdata/pcap and compares the values with tshark's decode of the same
// frame. A frame voxlan refuses must be one tshark flags as malformed, or
// be listed in testdata/DISAGREEMENTS.md with the reason.
func TestDecodeMatchesTshark(t *testing.T) {
	labtest.RequireTools(t, "tshark")
	files, _ := filepath.Glob("testdata/pcap/*.pcap")
	known := knownDisagreements(t)
	checked := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ts := tsharkFields(t, file)
			r, err := capture.OpenFile(file)
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
				id := fmt.Sprintf("%s:%d", filepath.Base(file), r.Count)
				pairs := ts[r.Count]
				derr := p.DecodeEthernet(f.Data)
				if errors.Is(derr, ErrNotDiscovery) {
					continue
				}
				malformed := len(values(pairs, "_ws.malformed")) > 0 || len(values(pairs, "_ws.malformed.expert")) > 0 ||
					slices.ContainsFunc(values(pairs, "_ws.expert.group"), func(s string) bool { return s == "117440512" }) // PI_MALFORMED
				cut := f.Length > len(f.Data) // tshark decodes what the snaplen kept
				if derr != nil {
					if _, ok := known[id]; !ok && !malformed && !cut {
						t.Errorf("%s: voxlan refuses the frame (%v) but tshark decodes it without a malformed mark", id, derr)
					}
					continue
				}
				if _, ok := known[id]; ok {
					continue
				}
				checked++
				var diffs []string
				switch p.Protocol {
				case ProtocolLLDP:
					diffs = compareLLDP(&p.LLDP, pairs)
				case ProtocolCDP:
					diffs = compareCDP(&p.CDP, pairs)
				}
				for _, d := range diffs {
					t.Errorf("%s: %s", id, d)
				}
			}
		})
	}
	if checked < 20 {
		t.Errorf("only %d frames compared", checked)
	}
}

// expect compares voxlan's values with tshark's for one key: tshark's
// list must equal got (as strings) when tshark shows the key or got is not
// empty.
type diffs []string

func (d *diffs) ints(pairs [][2]string, key string, got ...int) {
	var want []int
	for _, v := range values(pairs, key) {
		want = append(want, num(v))
	}
	if !slices.Equal(want, got) {
		*d = append(*d, fmt.Sprintf("%s: voxlan %v, tshark %v", key, got, want))
	}
}

func (d *diffs) strs(pairs [][2]string, key string, got ...string) {
	want := values(pairs, key)
	if !slices.Equal(want, got) {
		*d = append(*d, fmt.Sprintf("%s: voxlan %q, tshark %q", key, got, want))
	}
}

func opt[T any](present bool, v T) []T {
	if !present {
		return nil
	}
	return []T{v}
}

func compareLLDP(l *LLDPDU, pairs [][2]string) []string {
	var d diffs
	d.ints(pairs, "lldp.chassis.subtype", int(l.ChassisID.Subtype))
	switch l.ChassisID.Subtype {
	case ChassisIDMACAddress:
		d.strs(pairs, "lldp.chassis.id.mac", l.ChassisID.String())
	case ChassisIDInterfaceName, ChassisIDLocal, ChassisIDInterfaceAlias:
		d.strs(pairs, "lldp.chassis.id", l.ChassisID.String())
	}
	d.ints(pairs, "lldp.port.subtype", int(l.PortID.Subtype))
	if l.PortID.Subtype == PortIDMACAddress {
		d.strs(pairs, "lldp.port.id.mac", l.PortID.String())
	} else {
		d.strs(pairs, "lldp.port.id", l.PortID.String())
	}
	d.ints(pairs, "lldp.time_to_live", int(l.TTL))
	// text() drops the trailing NUL some switches send, as tshark does.
	d.strs(pairs, "lldp.port.desc", opt(l.PortDescription != nil, text(l.PortDescription))...)
	d.strs(pairs, "lldp.tlv.system.name", opt(l.SystemName != nil, text(l.SystemName))...)
	// tshark shows only the first line of a multi-line description.
	if want := values(pairs, "lldp.tlv.system.desc"); len(want) != 1 && l.SystemDescription != nil ||
		len(want) == 1 && !strings.HasPrefix(string(l.SystemDescription), strings.TrimSuffix(want[0], "…")) {
		d = append(d, fmt.Sprintf("lldp.tlv.system.desc: voxlan %q, tshark %q", l.SystemDescription, want))
	}
	d.ints(pairs, "lldp.tlv.system_cap", opt(l.Capabilities.Present, int(l.Capabilities.System))...)
	d.ints(pairs, "lldp.tlv.enable_system_cap", opt(l.Capabilities.Present, int(l.Capabilities.Enabled))...)
	var v4, v6 []string
	for _, m := range l.ManagementAddresses {
		if a, ok := ianaAddr(m.Family, m.Address); ok && m.Family == 1 {
			v4 = append(v4, a)
		} else if ok && m.Family == 2 {
			v6 = append(v6, a)
		}
	}
	d.strs(pairs, "lldp.mgn.addr.ip4", v4...)
	d.strs(pairs, "lldp.mgn.addr.ip6", v6...)
	d.ints(pairs, "lldp.ieee.802_1.port_vlan.id", opt(l.Dot1.PVIDPresent, int(l.Dot1.PVID))...)
	var vids []int
	var names []string
	for _, v := range l.Dot1.VLANNames {
		vids, names = append(vids, int(v.ID)), append(names, text(v.Name))
	}
	d.ints(pairs, "lldp.ieee.802_1.vlan.id", vids...)
	d.strs(pairs, "lldp.ieee.802_1.vlan.name", names...)
	m := l.Dot3.MACPHY
	d.ints(pairs, "lldp.ieee.802_3.mac_phy_auto_neg_status", opt(m.Present, int(m.Autoneg))...)
	d.ints(pairs, "lldp.ieee.802_3.pmd_auto_neg_advertised_caps", opt(m.Present, int(m.Advertised))...)
	d.ints(pairs, "lldp.ieee.802_3.pmd_mau_type", opt(m.Present, int(m.MAUType))...)
	pw := l.Dot3.Power
	d.ints(pairs, "lldp.ieee.802_3.mdi_power_support", opt(pw.Present, int(pw.Support))...)
	d.ints(pairs, "lldp.ieee.802_3.mdi_pse_pair", opt(pw.Present, int(pw.PowerPair))...)
	d.ints(pairs, "lldp.ieee.802_3.mdi_power_class", opt(pw.Present, int(pw.Class))...)
	d.ints(pairs, "lldp.ieee.802_3.mdi_pde_requested", opt(pw.Dot3at, int(pw.Requested))...)
	d.ints(pairs, "lldp.ieee.802_3.mdi_pse_allocated", opt(pw.Dot3at, int(pw.Allocated))...)
	d.ints(pairs, "lldp.ieee.802_3.max_frame_size", opt(l.Dot3.MaxFrameSize != 0, int(l.Dot3.MaxFrameSize))...)
	la := l.Dot3.LinkAggregation
	d.ints(pairs, "lldp.ieee.802_3.aggregation_status", opt(la.Present, int(la.Status))...)
	d.ints(pairs, "lldp.ieee.802_3.aggregated_port_id", opt(la.Present, int(la.PortID))...)
	med := l.MED
	d.ints(pairs, "lldp.media.subtype.class", opt(med.CapabilitiesPresent, int(med.DeviceClass))...)
	var app, unk, tag, vlan, prio, dscp []int
	for _, p := range med.Policies {
		app, vlan, prio, dscp = append(app, int(p.Application)), append(vlan, int(p.VLAN)), append(prio, int(p.Priority)), append(dscp, int(p.DSCP))
		unk, tag = append(unk, b2i(p.Unknown)), append(tag, b2i(p.Tagged))
	}
	d.ints(pairs, "lldp.media.app_type", app...)
	d.ints(pairs, "lldp.media.policy_flag", unk...)
	d.ints(pairs, "lldp.media.tag_flag", tag...)
	d.ints(pairs, "lldp.media.vlan_id", vlan...)
	d.ints(pairs, "lldp.media.l2_prio", prio...)
	d.ints(pairs, "lldp.media.dscp", dscp...)
	ep := med.Power
	d.ints(pairs, "lldp.media.power.type", opt(ep.Present, int(ep.TypeSourcePriority>>6))...)
	d.ints(pairs, "lldp.media.power.source", opt(ep.Present, int(ep.TypeSourcePriority>>4&3))...)
	d.ints(pairs, "lldp.media.power.prio", opt(ep.Present, int(ep.TypeSourcePriority&0xf))...)
	d.ints(pairs, "lldp.media.power.value", opt(ep.Present, int(ep.Value))...)
	var fmts, caTypes []int
	var countries, caValues []string
	for _, loc := range med.Locations {
		fmts = append(fmts, int(loc.Format))
		info := loc.Info()
		if info.Country != "" {
			countries = append(countries, info.Country)
		}
		for _, c := range info.Civic {
			caTypes, caValues = append(caTypes, c.Type), append(caValues, c.Value)
		}
	}
	d.ints(pairs, "lldp.media.loc.data_format", fmts...)
	d.strs(pairs, "lldp.media.civic.country", countries...)
	d.ints(pairs, "lldp.media.civic.type", caTypes...)
	d.strs(pairs, "lldp.media.civic.value", caValues...)
	var mud []string
	for _, o := range l.Unknown {
		if o.OUI == [3]byte{0, 0, 0x5e} && o.Subtype == 1 {
			mud = append(mud, string(o.Info))
		}
	}
	d.strs(pairs, "lldp.iana.mudurl", mud...)
	return d
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func compareCDP(c *CDP, pairs [][2]string) []string {
	var d diffs
	d.ints(pairs, "cdp.version", int(c.Version))
	d.ints(pairs, "cdp.ttl", int(c.TTL))
	d.ints(pairs, "cdp.checksum", int(c.Checksum))
	// tshark: checksum.status 1 = good, 0 = bad.
	d.ints(pairs, "cdp.checksum.status", b2i(c.ChecksumOK))
	d.strs(pairs, "cdp.deviceid", opt(c.DeviceID != nil, string(c.DeviceID))...)
	d.strs(pairs, "cdp.portid", opt(c.PortID != nil, string(c.PortID))...)
	d.strs(pairs, "cdp.platform", opt(c.Platform != nil, string(c.Platform))...)
	d.ints(pairs, "cdp.capabilities", opt(c.CapsPresent, int(c.Capabilities))...)
	d.ints(pairs, "cdp.native_vlan", opt(c.NativeVLAN != 0, int(c.NativeVLAN))...)
	d.ints(pairs, "cdp.duplex", opt(c.Duplex >= 0, int(c.Duplex))...)
	d.ints(pairs, "cdp.voice_vlan", opt(c.VoIPVLANReply.Present, int(c.VoIPVLANReply.VLAN))...)
	d.strs(pairs, "cdp.vtp_management_domain", opt(c.VTPDomain != nil, string(c.VTPDomain))...)
	d.ints(pairs, "cdp.trust_bitmap", opt(c.TrustPresent, int(c.TrustBitmap))...)
	d.ints(pairs, "cdp.untrusted_port_cos", opt(c.CoSPresent, int(c.UntrustedCoS))...)
	d.ints(pairs, "cdp.power_consumption", opt(c.PowerPresent, int(c.PowerConsumption))...)
	var avail []int
	for _, v := range c.PowerAvailable.Values[:c.PowerAvailable.N] {
		avail = append(avail, int(v))
	}
	d.ints(pairs, "cdp.power_available", avail...)
	var v4, v6 []string
	for _, list := range [][]CDPAddress{c.Addresses, c.MgmtAddresses} {
		for _, a := range list {
			if a.IsIPv4() {
				v4 = append(v4, fmt.Sprintf("%d.%d.%d.%d", a.Address[0], a.Address[1], a.Address[2], a.Address[3]))
			} else if a.IsIPv6() {
				ip, _ := ianaAddr(2, a.Address)
				v6 = append(v6, ip)
			}
		}
	}
	d.strs(pairs, "cdp.nrgyz.ip_address", v4...)
	d.strs(pairs, "cdp.nrgyz.ipv6_address", v6...)
	// tshark shows only the last line of the software version.
	if want := values(pairs, "cdp.software_version"); len(want) == 1 && !strings.Contains(string(c.SoftwareVersion), want[0]) {
		d = append(d, fmt.Sprintf("cdp.software_version: voxlan %q, tshark %q", c.SoftwareVersion, want))
	}
	return d
}
