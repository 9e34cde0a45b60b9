package snmp

import (
	"slices"

	"github.com/voxlan/voxlan/snapshot"
)

// medApplications are LLDP-MED network policy application types in TLV
// code order (1 = voice ... 8 = videoSignaling).
var medApplications = []string{"voice", "voiceSignaling", "guestVoice", "guestVoiceSignaling",
	"softphoneVoice", "videoConferencing", "streamingVideo", "videoSignaling"}

// medAppType reads the application type that ends a media policy index.
// LLDP-EXT-MED-MIB indexes by PolicyContainerType, a BITS whose bit 1 is
// voice (bit 0 unknown), encoded as a length-prefixed octet string. Some
// agents put the TLV's application code (1..8) as one arc instead; a single
// arc 1..8 is read that way.
func medAppType(a []uint32) (string, bool) {
	if len(a) == 1 && a[0] >= 1 && int(a[0]) <= len(medApplications) {
		return medApplications[a[0]-1], true
	}
	var b []uint32
	switch {
	case len(a) >= 2 && int(a[0]) == len(a)-1:
		b = a[1:]
	case len(a) == 1:
		b = a
	default:
		return "", false
	}
	for i, octet := range b {
		if octet > 255 {
			return "", false
		}
		for bit := 0; bit < 8; bit++ {
			if octet&(0x80>>bit) == 0 {
				continue
			}
			n := i*8 + bit // bit 1 = voice
			if n >= 1 && n <= len(medApplications) {
				return medApplications[n-1], true
			}
		}
	}
	return "", false
}

// medDeviceClasses are LLDP-MED device classes by value.
var medDeviceClasses = map[int64]string{0: "notDefined", 1: "endpointClass1", 2: "endpointClass2",
	3: "endpointClass3", 4: "networkConnectivity"}

// policyColumns are the five columns of a media policy table.
type policyColumns struct{ vlan, priority, dscp, unknown, tagged string }

var (
	remPolicyCols = policyColumns{oidMedRemPolicyVlan, oidMedRemPolicyPriority, oidMedRemPolicyDscp, oidMedRemPolicyUnknown, oidMedRemPolicyTagged}
	locPolicyCols = policyColumns{oidMedLocPolicyVlan, oidMedLocPolicyPriority, oidMedLocPolicyDscp, oidMedLocPolicyUnknown, oidMedLocPolicyTagged}
)

// readPolicies reads a media policy table; split cuts each index into the
// owner's key part and the application type arcs.
func readPolicies[K comparable](d *data, cols policyColumns, split func(idx string) (K, []uint32, bool)) map[K][]snapshot.Policy {
	vlan := d.ints(stageMED, cols.vlan)
	prio := d.ints(stageMED, cols.priority)
	dscp := d.ints(stageMED, cols.dscp)
	unknown := d.ints(stageMED, cols.unknown)
	tagged := d.ints(stageMED, cols.tagged)
	out := map[K][]snapshot.Policy{}
	bad := 0
	for _, vb := range d.rows(cols.vlan) {
		key, appArcs, ok := split(vb.index)
		if !ok {
			bad++
			continue
		}
		app, ok := medAppType(appArcs)
		if !ok {
			bad++
			continue
		}
		v := vlan[vb.index]
		if v < 0 || v > 4095 {
			bad++
			continue
		}
		out[key] = append(out[key], snapshot.Policy{
			Application: app,
			Unknown:     unknown[vb.index] == 1,
			VLAN:        int(v),
			Tagged:      tagged[vb.index] == 1,
			Priority:    int(prio[vb.index] & 7),
			DSCP:        int(dscp[vb.index] & 63),
		})
	}
	if bad > 0 {
		d.errorf(stageMED, "%d LLDP-MED policy rows with an invalid index or VLAN were left out", bad)
	}
	for k := range out {
		slices.SortFunc(out[k], func(a, b snapshot.Policy) int {
			return slices.Index(medApplications, a.Application) - slices.Index(medApplications, b.Application)
		})
	}
	return out
}

// readRemMED reads what neighbours advertised through LLDP-MED.
func readRemMED(d *data) map[remKey]*snapshot.MED {
	out := map[remKey]*snapshot.MED{}
	get := func(k remKey) *snapshot.MED {
		if m := out[k]; m != nil {
			return m
		}
		m := &snapshot.MED{DeviceClass: "notDefined", Policies: []snapshot.Policy{}}
		out[k] = m
		return m
	}
	for idx, class := range d.ints(stageMED, oidMedRemDeviceClass) {
		if k, _, ok := ParseRemIndex(idx, 0); ok {
			if name, ok := medDeviceClasses[class]; ok {
				get(k).DeviceClass = name
			}
		}
	}
	policies := readPolicies(d, remPolicyCols, func(idx string) (remKey, []uint32, bool) {
		a, ok := arcs(idx)
		if !ok || len(a) < 4 {
			return remKey{}, nil, false
		}
		k, _, ok := ParseRemIndex(joinArcs(a[:3]), 0)
		return k, a[3:], ok
	})
	for k, ps := range policies {
		get(k).Policies = ps
	}
	for _, f := range []struct {
		oid string
		set func(*snapshot.MED, string)
	}{
		{oidMedRemMfgName, func(m *snapshot.MED, s string) { m.Manufacturer = s }},
		{oidMedRemModelName, func(m *snapshot.MED, s string) { m.Model = s }},
		{oidMedRemSoftwareRev, func(m *snapshot.MED, s string) { m.SoftwareRev = s }},
	} {
		for idx, s := range d.strings(stageMED, f.oid) {
			if k, _, ok := ParseRemIndex(idx, 0); ok && s != "" {
				f.set(get(k), s)
			}
		}
	}
	return out
}

// readLocMED attaches the policies the switch advertises on each port
// (lldpXMedLocMediaPolicyTable, index lldpLocPortNum.appType).
func readLocMED(d *data, ports *portSet, lp lldpPorts, bp bridgePorts) {
	policies := readPolicies(d, locPolicyCols, func(idx string) (int, []uint32, bool) {
		a, ok := arcs(idx)
		if !ok || len(a) < 2 || a[0] == 0 || a[0] > maxIndex {
			return 0, nil, false
		}
		return int(a[0]), a[1:], true
	})
	unmapped := 0
	for num, ps := range policies {
		i, ok := lp.ifIndex(num, ports, bp)
		if !ok {
			unmapped++
			continue
		}
		p := ports.get(i)
		p.MEDPolicies = ps
		// The voice VLAN a port tells phones to use is its voice VLAN when
		// no vendor table said otherwise (AOS-S, Comware, Junos advertise
		// their voice VLAN configuration this way).
		if p.VoiceVLAN == 0 {
			for _, pol := range ps {
				if pol.Application == "voice" && !pol.Unknown && pol.Tagged && validVLAN(int64(pol.VLAN)) {
					p.VoiceVLAN = pol.VLAN
					break
				}
			}
		}
	}
	if unmapped > 0 {
		d.errorf(stageMED, "%d LLDP-MED local policy ports match no interface; left out", unmapped)
	}
}
