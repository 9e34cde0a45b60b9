package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/snapshot"
)

func TestPortRanges(t *testing.T) {
	for _, tc := range []struct {
		ports []string
		want  string
	}{
		{[]string{"Gi1/0/3", "Gi1/0/1", "Gi1/0/2"}, "Gi1/0/1–3"},
		{[]string{"Gi1/0/1", "Gi1/0/2", "Gi1/0/4", "Te1/1/1"}, "Gi1/0/1–2, Gi1/0/4, Te1/1/1"},
		{[]string{"Gi1/0/48", "Gi2/0/1"}, "Gi1/0/48, Gi2/0/1"},
		{[]string{"1", "2", "3", "45", "46", "A3", "A4"}, "1–3, 45–46, A3–4"},
		{[]string{"7", "7"}, "7"},
		{[]string{"Vlan10", "mgmt"}, "Vlan10, mgmt"},
		{[]string{"port01", "port02"}, "port01, port02"},
		{nil, ""},
	} {
		if got := portRanges(tc.ports); got != tc.want {
			t.Errorf("portRanges(%q) = %q, want %q", tc.ports, got, tc.want)
		}
	}
}

// voiceSpare is what the audit asks for on every access port of a site
// whose voice VLAN is declared: the same two changes on each port.
func voiceSpare(sw string, ports ...string) []audit.Change {
	var out []audit.Change
	for _, p := range ports {
		out = append(out,
			audit.Change{Kind: audit.ChangeSetPortMode, Switch: sw, Port: p, Mode: audit.PortModeHybrid, TaggedVLANs: []int{201}, Reason: "L8/voice-spare/" + sw},
			audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: sw, Port: p, VLAN: 201, Reason: "L8/voice-spare/" + sw})
	}
	return out
}

func TestGroupChanges(t *testing.T) {
	var ports []string
	for i := 1; i <= 48; i++ {
		if i != 25 {
			ports = append(ports, fmt.Sprintf("Gi1/0/%d", i))
		}
	}
	changes := []audit.Change{{Kind: audit.ChangeCreateVLAN, Switch: "sw", VLAN: 201, Name: "VOIX", Voice: true, Reason: "L8/voice-vlan/sw"}}
	changes = append(changes, voiceSpare("sw", ports...)...)
	// Port 25 gets a data VLAN as well, in another order: its own line.
	changes = append(changes,
		audit.Change{Kind: audit.ChangeSetVoiceVLAN, Switch: "sw", Port: "Gi1/0/25", VLAN: 201, Reason: "L4/not-hybrid/sw/Gi1/0/25"},
		audit.Change{Kind: audit.ChangeSetDataVLAN, Switch: "sw", Port: "Gi1/0/25", VLAN: 60, Reason: "L4/not-hybrid/sw/Gi1/0/25"})
	lines := groupChanges(changes)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3 (VLAN, 47 ports, port 25): %+v", len(lines), lines)
	}
	fr, _ := LoadCatalog(French)
	got := []string{fr.changeLineText(lines[0]), fr.changeLineText(lines[1]), fr.changeLineText(lines[2])}
	want := []string{
		"Créer le VLAN voix 201 « VOIX »",
		"Ports Gi1/0/1–24, Gi1/0/26–48 (47 ports)\u202f: mode hybride, VLAN voix 201 taggué",
		"Port Gi1/0/25\u202f: VLAN data 60 non taggué (PVID), VLAN voix 201 taggué",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
	if r := reasonRequirements(append(lines[1].Reasons, lines[2].Reasons...)); r != "L4, L8" {
		t.Errorf("requirements %q, want \"L4, L8\"", r)
	}
}

// The same finding on many ports is one row naming the ports as ranges,
// and its fixes fold the same way; a finding that differs stays its own.
func TestGroupFindings(t *testing.T) {
	var fs []audit.Finding
	for i := 1; i <= 30; i++ {
		p := fmt.Sprintf("Gi1/0/%d", i)
		fs = append(fs, audit.Finding{ID: "L5/med/" + p, Requirement: "L5", Check: "med", Status: audit.StatusFail, Switch: "sw", Port: p,
			Message:  audit.Text{FR: "Pas de politique LLDP-MED voix.", EN: "No LLDP-MED voice policy."},
			Evidence: []audit.Evidence{{Key: "medPolicies", Values: []string{"0"}}},
			Fix:      []audit.Change{{Kind: audit.ChangeEnableMEDPolicy, Switch: "sw", Port: p, Policy: &audit.MEDPolicy{Application: "voice", VLAN: 201, Tagged: true, Priority: 5, DSCP: 46}}}})
	}
	odd := fs[3]
	odd.Status = audit.StatusUnknown
	fs[3] = odd
	rows := groupFindings(fs)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	if got := rows[0].PortsText(); got != "Gi1/0/1–3, Gi1/0/5–30" {
		t.Errorf("ports %q", got)
	}
	en, _ := LoadCatalog(English)
	if got := en.rowFixes(rows[0]); len(got) != 1 || !strings.HasPrefix(got[0], "Ports Gi1/0/1–3, Gi1/0/5–30 (29 ports): LLDP-MED voice policy") {
		t.Errorf("fixes %q", got)
	}
	if rows[1].PortsText() != "Gi1/0/4" {
		t.Errorf("the different finding is on %q", rows[1].PortsText())
	}
}

// A number or a short word is never cut, whatever the column; a long
// sentence wraps between words.
func TestPDFCellsNeverCutNumbers(t *testing.T) {
	c, _ := LoadCatalog(French)
	runes, err := pdfRunes()
	if err != nil {
		t.Fatal(err)
	}
	p, err := buildPDF(c, runes, []*Document{demoDoc(t)}, testOpts, nil)
	if err != nil {
		t.Fatal(err)
	}
	pd := &pdfDoc{f: p.f, c: c, runes: runes}
	if got := pd.cellLines("1187", 4, "", 8.5); len(got) != 1 {
		t.Errorf("a number in a narrow column: %q", got)
	}
	long := strings.Repeat("Ports Gi1/0/1–24 ", 20)
	lines := pd.cellLines(long, 60, "", 8.5)
	if len(lines) < 5 {
		t.Fatalf("a long text in 60 mm: %d lines", len(lines))
	}
	for _, l := range lines {
		if w := pd.f.GetStringWidth(l); w > 60-2*cellPad+0.01 {
			t.Errorf("line %q is %.1f mm wide in a 60 mm column", l, w)
		}
	}
}

// The summary sorts the demo's problems by who acts: the plan's changes
// for voxlan, the cascade, the cabling and the WAN for a person.
func TestSummary(t *testing.T) {
	s := summarize(demoDoc(t))
	ids := func(ls []SummaryLine) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Requirement)
		}
		return strings.Join(out, " ")
	}
	for name, tc := range map[string]struct{ got, want string }{
		"blocking":  {ids(s.Blocking), "L2 L4 L5 L7 L8 L10 D4 W"},
		"fixable":   {ids(s.Fixable), "L2 L4 L5 L8"},
		"on site":   {ids(s.OnSite), "L7 L10 D4 W"},
		"unchecked": {ids(s.Unchecked), "L6 D3"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", name, tc.got, tc.want)
		}
	}
	if s.Fixable[1].Ports != 2 || s.Fixable[1].Switches != 1 || s.PlanChanges != 8 {
		t.Errorf("L4 fixable on %d ports of %d switches, plan of %d changes", s.Fixable[1].Ports, s.Fixable[1].Switches, s.PlanChanges)
	}
	fr, _ := LoadCatalog(French)
	if got := fr.summaryLine(s.Fixable[1]); got != "Ports en mode hybride (L4)\u202f: 2 ports sur 1 switch" {
		t.Errorf("summary line %q", got)
	}
	// One port on one switch and two switches judged for themselves: the
	// line counts the switches first, never "1 port sur 3 switchs".
	mixed := SummaryLine{Requirement: "L2", Findings: 3, Ports: 1, Switches: 3, PortSwitches: 1}
	if got := fr.summaryLine(mixed); !strings.HasSuffix(got, "\u202f: 3 switchs, dont 1 port") {
		t.Errorf("mixed summary line %q", got)
	}
}

// "No PoE" is said only when the audit could tell; a switch whose PoE
// table was not published is "not read".
func TestPoENotReadIsNotNoPoE(t *testing.T) {
	fr, _ := LoadCatalog(French)
	for _, tc := range []struct {
		status audit.Status
		want   string
	}{
		{audit.StatusUnknown, fr.T("switch.poeNotRead")},
		{audit.StatusFail, fr.T("switch.noPoE")},
	} {
		in := demoInput()
		in.Snapshot.Switches[1].PoE = snapshot.PoE{}
		in.Result.Findings = append(in.Result.Findings, audit.Finding{ID: "L2/poe-supported/" + demoSW2, Requirement: "L2", Check: "poe-supported",
			Status: tc.status, Switch: demoSW2, Message: audit.Text{FR: "x", EN: "x"}})
		d, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		if budget, _ := fr.poeCells(d.Switches[1].PoE, " "); budget != tc.want {
			t.Errorf("poe-supported %s: %q, want %q", tc.status, budget, tc.want)
		}
	}
	if budget, headroom := fr.poeCells(PoEView{Supported: true, PoweredPorts: 2}, " "); !strings.Contains(budget, fr.T("poe.noBudget")) || headroom != fr.T("poe.headroomUnknown") {
		t.Errorf("PoE without a published budget: %q, %q", budget, headroom)
	}
}

// The applied section shows every line the device rejected and, of the
// accepted ones, what the cap leaves room for; the count of the rest.
func TestCapSentKeepsRejectedLines(t *testing.T) {
	var sent []drivers.LineResult
	for i := 0; i < 100; i++ {
		l := drivers.LineResult{Line: fmt.Sprintf("line %d", i)}
		if i == 90 {
			l.Error = "% Invalid input"
		}
		sent = append(sent, l)
	}
	kept, more := capSent(sent)
	if len(kept) != cliLinesMax || more != 100-cliLinesMax {
		t.Fatalf("kept %d, more %d", len(kept), more)
	}
	if kept[len(kept)-1].Line != "line 90" || kept[0].Line != "line 0" {
		t.Errorf("kept %q … %q: the rejected line must be kept", kept[0].Line, kept[len(kept)-1].Line)
	}
	if k, m := capSent(sent[:10]); len(k) != 10 || m != 0 {
		t.Errorf("short record cut: %d, %d", len(k), m)
	}
}

// One tagged VLAN is worded in the singular, several in the plural.
func TestSetPortModeWording(t *testing.T) {
	fr, _ := LoadCatalog(French)
	one := audit.Change{Kind: audit.ChangeSetPortMode, Mode: audit.PortModeHybrid, TaggedVLANs: []int{202}}
	two := audit.Change{Kind: audit.ChangeSetPortMode, Mode: audit.PortModeHybrid, TaggedVLANs: []int{202, 203}}
	if got := fr.changeWhat(one); got != "mode hybride, VLAN 202 taggué" {
		t.Errorf("one VLAN: %q", got)
	}
	if got := fr.changeWhat(two); got != "mode hybride, VLAN taggués 202, 203" {
		t.Errorf("two VLANs: %q", got)
	}
}
