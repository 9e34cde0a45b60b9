package report

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/sizing"
	"github.com/voxlan/voxlan/snapshot"
)

func loadAll(t *testing.T) map[Lang]*Catalog {
	t.Helper()
	out := map[Lang]*Catalog{}
	for _, l := range Langs {
		c, err := LoadCatalog(l)
		if err != nil {
			t.Fatal(err)
		}
		out[l] = c
	}
	return out
}

var placeholder = regexp.MustCompile(`\{[a-zA-Z]+\}`)

// Every key exists in every language, is not empty, and has the same
// placeholders: a text missing in one language fails the build.
func TestCataloguesComplete(t *testing.T) {
	cats := loadAll(t)
	ref := cats[French]
	for _, l := range Langs {
		c := cats[l]
		for _, k := range ref.Keys() {
			if !c.Has(k) {
				t.Errorf("%s: key %q missing (present in fr)", l, k)
			}
		}
		for _, k := range c.Keys() {
			if !ref.Has(k) {
				t.Errorf("fr: key %q missing (present in %s)", k, l)
			}
			if c.T(k) == "" {
				t.Errorf("%s: key %q is empty", l, k)
			}
			got, want := placeholder.FindAllString(c.T(k), -1), placeholder.FindAllString(ref.T(k), -1)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q has placeholders %v, fr has %v", l, k, got, want)
			}
		}
	}
}

// Every vocabulary the report prints (requirement ids, statuses, roles,
// verdicts, engineerings, change kinds, services, access types, manual
// items) has its words in every language.
func TestCataloguesCoverVocabularies(t *testing.T) {
	var keys []string
	for _, id := range RequirementIDs {
		keys = append(keys, "req."+id, "reqsrc."+id)
	}
	for _, s := range []audit.Status{audit.StatusPass, audit.StatusFail, audit.StatusWarn, audit.StatusManual, audit.StatusUnknown, StatusNotApplicable} {
		keys = append(keys, "status."+string(s))
	}
	for _, r := range roleOrder {
		keys = append(keys, "role."+string(r))
	}
	for _, v := range []audit.Verdict{audit.VerdictPass, audit.VerdictFail, audit.VerdictIncomplete} {
		keys = append(keys, "verdict."+string(v), "verdict."+string(v)+".explain")
	}
	for _, e := range []audit.Engineering{audit.EngineeringStandard, audit.EngineeringVoiceVLAN} {
		keys = append(keys, "engineering."+string(e))
	}
	keys = append(keys, "engineeringSource.inventory", "engineeringSource.inferred")
	for _, m := range []audit.PortMode{audit.PortModeHybrid, audit.PortModeTrunk, audit.PortModeAccess} {
		keys = append(keys, "mode."+string(m))
	}
	for _, s := range sizing.Services {
		keys = append(keys, "service."+s.Key)
	}
	for _, a := range sizing.AccessTypes {
		keys = append(keys, "access."+a)
	}
	for _, m := range ManualItems {
		keys = append(keys, "manual."+m.Key)
	}
	for _, code := range snapshot.ProbeSkipCodes {
		keys = append(keys, "skip."+code)
	}
	// Every opening of every built-in profile is worded in each language.
	for _, name := range profile.Names() {
		p, err := profile.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range FirewallFromProfile(p) {
			keys = append(keys, "firewall."+r.Name)
		}
	}
	for _, l := range Langs {
		c := loadAll(t)[l]
		for _, k := range keys {
			if !c.Has(k) {
				t.Errorf("%s: no text for %q", l, k)
			}
		}
		for i := 1; i <= 12; i++ {
			if d := c.Date(time.Date(2026, time.Month(i), 1, 0, 0, 0, 0, time.UTC)); placeholder.MatchString(d) || d[0] == '!' {
				t.Errorf("%s: month %d: %q", l, i, d)
			}
		}
	}
	// Every change kind the audit can plan is described in words.
	for _, l := range Langs {
		c := loadAll(t)[l]
		for _, k := range audit.ChangeKinds {
			ch := audit.Change{Kind: k, Switch: "sw", Port: "1", VLAN: 20, Name: "VOIX", Mode: audit.PortModeHybrid, TaggedVLANs: []int{20},
				Policy: &audit.MEDPolicy{Application: "voice", VLAN: 20, Tagged: true, Priority: 5, DSCP: 46}}
			got := c.change(ch)
			if got == c.T("change.unknown", "kind", k) || placeholder.MatchString(got) {
				t.Errorf("%s: change %s described as %q", l, k, got)
			}
		}
	}
}

// The embedded fonts draw every character of every catalogue, so no word
// of the PDF turns into "?".
func TestFontsCoverCatalogues(t *testing.T) {
	runes, err := pdfRunes()
	if err != nil {
		t.Fatal(err)
	}
	if !runes['é'] || !runes['à'] || !runes['ç'] || !runes['→'] || runes['😀'] {
		t.Fatalf("font subset: é=%t à=%t ç=%t →=%t emoji=%t", runes['é'], runes['à'], runes['ç'], runes['→'], runes['😀'])
	}
	for _, c := range loadAll(t) {
		for _, k := range c.Keys() {
			for _, r := range c.T(k) {
				if !runes[r] {
					t.Errorf("%s: %q holds %q (U+%04X), which the PDF fonts lack", c.Lang, k, r, r)
				}
			}
		}
	}
}

func TestNumbersAndDatesPerLanguage(t *testing.T) {
	cats := loadAll(t)
	fr, en := cats[French], cats[English]
	when := time.Date(2026, 8, 3, 14, 5, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{fr.Num(2.7, 2), "2,7"},
		{en.Num(2.7, 2), "2.7"},
		{fr.Num(0.17, 3), "0,17"},
		{fr.Int(12345), "12\u202f345"},
		{en.Int(12345), "12,345"},
		{en.Int(-1234567), "-1,234,567"},
		{fr.Num(-0.5, 1), "-0,5"},
		{fr.Num(591.4, 1), "591,4"},
		{fr.Percent(0.01, 2), "1\u00a0%"},
		{en.Percent(0.01, 2), "1%"},
		{fr.Date(when), "3 août 2026"},
		{en.Date(when), "3 August 2026"},
		{fr.DateTime(when), "3 août 2026 à 14:05 (UTC)"},
		{en.DateTime(when), "3 August 2026, 14:05 (UTC)"},
		{fr.kbps(2700), "2,7 Mbit/s"},
		{en.kbps(512), "512 kbit/s"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestParseLangAndFormat(t *testing.T) {
	if l, err := ParseLang("FR"); err != nil || l != French {
		t.Errorf("ParseLang(FR) = %q, %v", l, err)
	}
	if _, err := ParseLang("de"); err == nil {
		t.Error("ParseLang(de): no error")
	}
	if f, err := ParseFormat("markdown"); err != nil || f != FormatMarkdown {
		t.Errorf("ParseFormat(markdown) = %q, %v", f, err)
	}
	if _, err := ParseFormat("docx"); err == nil {
		t.Error("ParseFormat(docx): no error")
	}
}

func TestShortenAndVLANList(t *testing.T) {
	if got := shorten("abc def", 10); got != "abc def" {
		t.Errorf("short text changed: %q", got)
	}
	long := strings.Repeat("élément ", 20)
	got := shorten(long, 30)
	if n := len([]rune(got)); n > 31 || !strings.HasSuffix(got, "…") || strings.Contains(got, " …") {
		t.Errorf("shorten: %q (%d runes)", got, n)
	}
	en, _ := LoadCatalog(English)
	var many []snapshot.VLAN
	for i := 1; i <= 12; i++ {
		many = append(many, snapshot.VLAN{ID: i, Name: "<private>", Voice: i == 5})
	}
	if got := vlanList(en, many); got != "1, 2, 3, 4, 5 (voice), 6, 7, 8, 9, 10, 11, 12" {
		t.Errorf("many VLANs: %q", got)
	}
	if got := vlanList(en, many[:2]); got != "1 <private>, 2 <private>" {
		t.Errorf("few VLANs: %q", got)
	}
	if got := vlanList(en, nil); got != "none" {
		t.Errorf("no VLAN: %q", got)
	}
}

// Device data (a sysName, a port alias, a message quoting them) must not
// become HTML in Markdown nor a formula in a spreadsheet.
func TestHostileDeviceData(t *testing.T) {
	in := demoInput()
	in.Snapshot.Switches[0].SysName = `<img src=x onerror=alert(1)>|sw`
	in.Result.Findings[0].Message.FR = `=HYPERLINK("x","clic")`
	in.Result.Findings[0].Message.EN = `@SUM(A1)`
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs {
		c, _ := LoadCatalog(l)
		var md, csvOut, html bytes.Buffer
		if err := RenderMarkdown(&md, c, []*Document{d}, testOpts); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(md.String(), "<img") || !strings.Contains(md.String(), "&lt;img src=x onerror=alert(1)&gt;\\|sw") {
			t.Errorf("%s markdown: device name not escaped", l)
		}
		if err := RenderFindingsCSV(&csvOut, c, []*Document{d}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(csvOut.String(), `;=HYPERLINK`) || strings.Contains(csvOut.String(), `,@SUM`) ||
			!(strings.Contains(csvOut.String(), `'=HYPERLINK`) || strings.Contains(csvOut.String(), `'@SUM`)) {
			t.Errorf("%s csv: formula not neutralised:\n%s", l, csvOut.String())
		}
		if err := RenderHTML(&html, c, []*Document{d}, testOpts); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(html.String(), "<img") {
			t.Errorf("%s html: device name not escaped", l)
		}
	}
	if got := csvSafe([]string{"-12", "-Gi1", "+33 1", "ok"}); got[0] != "-12" || got[1] != "'-Gi1" || got[2] != "'+33 1" || got[3] != "ok" {
		t.Errorf("csvSafe: %q", got)
	}
}

// French CSV opens in Excel with its accents (UTF-8 BOM) and its columns
// (";", the comma being the decimal mark); English uses ","; a port whose
// link is down has no speed.
func TestCSVPerLanguage(t *testing.T) {
	d := demoDoc(t)
	for _, l := range Langs {
		c, _ := LoadCatalog(l)
		var findings, ports bytes.Buffer
		if err := RenderFindingsCSV(&findings, c, []*Document{d}); err != nil {
			t.Fatal(err)
		}
		if err := RenderPortsCSV(&ports, c, []*Document{d}); err != nil {
			t.Fatal(err)
		}
		bom := l == French
		for name, out := range map[string]string{"findings": findings.String(), "ports": ports.String()} {
			if strings.HasPrefix(out, "\ufeff") != bom {
				t.Errorf("%s %s CSV: BOM %t, want %t", l, name, !bom, bom)
			}
			header, _, _ := strings.Cut(strings.TrimPrefix(out, "\ufeff"), "\n")
			sep := map[Lang]string{French: ";", English: ","}[l]
			if strings.Count(header, sep) < 8 {
				t.Errorf("%s %s CSV header not separated by %q: %q", l, name, sep, header)
			}
		}
		// Gi1/0/40 is down on the demo's first switch, which reports
		// 10 Mb/s for it; Gi1/0/1 is up at 1 Gb/s.
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(ports.String(), "\ufeff")))
		r.Comma = rune(map[Lang]string{French: ";", English: ","}[l][0])
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		speedCol := slices.Index(rows[0], c.T("col.speedMbps"))
		speeds := map[string]string{}
		for _, row := range rows[1:] {
			if row[1] == demoSW1 {
				speeds[row[3]] = row[speedCol]
			}
		}
		if speeds["Gi1/0/40"] != "" || speeds["Gi1/0/1"] != c.Int(1000) {
			t.Errorf("%s: speeds of a down and an up port: %q and %q", l, speeds["Gi1/0/40"], speeds["Gi1/0/1"])
		}
	}
}
