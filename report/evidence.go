package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/voxlan/voxlan/audit"
)

// The audit writes evidence as technical keys and raw values ("poeAdmin:
// disabled", "siteVoiceVlan: 201 (inventory)"), the same in every
// language. The report words both: every key the audit can write has its
// words in the catalogue ("evidence.<key>", held by
// TestEvidenceKeysWorded), and the values that are vocabulary (true/false,
// roles, PoE states, sources, policies, the firewall openings) are put in
// the reader's language. Device data (names, addresses, errors a switch
// returned) is shown as it is.

// evidence joins a finding's evidence as "key: v1, v2; key2: v3".
func (c *Catalog) evidence(ev []audit.Evidence) string {
	return strings.Join(c.evidenceItems(ev), c.T("evidence.sep"))
}

func (c *Catalog) evidenceItems(ev []audit.Evidence) []string {
	parts := make([]string, 0, len(ev))
	for _, e := range ev {
		parts = append(parts, c.T("evidence.item", "key", c.TOr("evidence."+e.Key, e.Key), "values", c.evidenceValues(e)))
	}
	return parts
}

// evidenceBrief is the evidence in about n runes for the requirements
// table: whole items while they fit, then an ellipsis, so that no item
// is cut in the middle (« voir « Dimen…). Only a first item longer than n
// is cut itself.
func (c *Catalog) evidenceBrief(ev []audit.Evidence, n int) string {
	items := c.evidenceItems(ev)
	sep := c.T("evidence.sep")
	var out string
	for i, it := range items {
		next := it
		if i > 0 {
			next = out + sep + it
		}
		if utf8.RuneCountInString(next) > n {
			if i == 0 {
				return shorten(it, n)
			}
			return out + sep + "…"
		}
		out = next
	}
	return out
}

// evidenceValues words one evidence item's values.
func (c *Catalog) evidenceValues(e audit.Evidence) string {
	values := make([]string, 0, len(e.Values))
	for _, v := range e.Values {
		if v = strings.TrimSpace(v); v != "" {
			values = append(values, v)
		}
	}
	if len(values) == 0 {
		return c.T("evidence.none")
	}
	switch e.Key {
	case "ports":
		if len(values) > 1 {
			return portRanges(values)
		}
	case "assumption":
		// The audit's English sentence; the sizing section states the
		// assumption in the reader's language.
		return c.T("evidence.seeSection", "section", c.T("section.sizing"))
	case "dhcpOffers", "dns", "transport", "tcpPorts", "probeFindings", "probeSkipped":
		// The probe's own English summary lines; the jack probe section
		// gives every figure in the reader's language.
		return c.T("evidence.seeSection", "section", c.T("section.probe"))
	}
	for i, v := range values {
		values[i] = c.evidenceValue(e.Key, v)
	}
	return strings.Join(values, c.T("list.sep"))
}

var (
	// "201 (inventory)", "7.0 (class 2)": a value with its source or unit.
	qualified = regexp.MustCompile(`^(.+) \(([^()]+)\)$`)
	decimal   = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)
	classN    = regexp.MustCompile(`^class (-?[0-9]+|unknown)$`)
	// policyStrings in audit: "voice vlan 201 tagged=true priority 5 dscp 46".
	policy = regexp.MustCompile(`^(\w+) vlan ([0-9]+) tagged=(true|false) priority ([0-9]+) dscp ([0-9]+)$`)
	// wan evidence: "adsl 8000/800 kbit/s".
	wanValue = regexp.MustCompile(`^(\w+) ([0-9]+)/([0-9]+) kbit/s$`)
)

// evidenceValue words one value of the evidence key.
func (c *Catalog) evidenceValue(key, v string) string {
	switch key {
	case "role":
		return c.role(audit.Role(v))
	case "os":
		return displayName(osNames, v)
	case "mode":
		return c.TOr("mode."+v, v)
	case "engineering":
		if m := qualified.FindStringSubmatch(v); m != nil {
			return c.TOr("engineering."+m[1], m[1]) + " (" + c.TOr("evvalue."+m[2], m[2]) + ")"
		}
		return c.TOr("engineering."+v, v)
	case "openings":
		// "SIP over TLS: tcp 8934,5062": the profile's opening name first.
		if name, rest, ok := strings.Cut(v, ": "); ok {
			return c.T("evidence.item", "key", c.TOr("firewall."+name, name), "values", strings.ToUpper(rest))
		}
	case "wan":
		if m := wanValue.FindStringSubmatch(v); m != nil {
			down, _ := strconv.Atoi(m[2])
			up, _ := strconv.Atoi(m[3])
			return c.T("evidence.wanValue", "access", c.TOr("access."+m[1], m[1]), "down", c.kbps(down), "up", c.kbps(up))
		}
	case "medPolicies", "policies":
		if m := policy.FindStringSubmatch(v); m != nil {
			return c.T("evidence.policy", "app", c.TOr("app."+m[1], m[1]), "vlan", m[2],
				"tagged", c.T("tagged."+m[3]), "priority", m[4], "dscp", m[5])
		}
	}
	return c.plainValue(v)
}

// plainValue words a value that is vocabulary whatever its key: a boolean,
// a PoE state, a source, a class, a decimal number; anything else (device
// data) as it is.
func (c *Catalog) plainValue(v string) string {
	if m := qualified.FindStringSubmatch(v); m != nil {
		return c.plainValue(m[1]) + " (" + c.plainValue(m[2]) + ")"
	}
	if m := classN.FindStringSubmatch(v); m != nil {
		return c.T("evidence.class", "class", c.plainValue(m[1]))
	}
	if decimal.MatchString(v) {
		f, err := strconv.ParseFloat(v, 64)
		if err == nil {
			return c.Num(f, 2)
		}
	}
	return c.TOr("evvalue."+v, v)
}
