package report

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/lab/labtest"
)

// auditSources parses the audit package's sources (its tests left out),
// which the catalogue tests read for what the audit can write.
func auditSources(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "audit", "*.go"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("audit sources: %v", err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	return fset, files
}

// auditEvidenceKeys reads the audit's sources for every evidence key it
// can write: the first argument of each ev(...) call and each Key: field.
// A key that is not a string literal fails, so none escapes the list.
func auditEvidenceKeys(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var keys []string
	add := func(pos token.Pos, fset *token.FileSet, e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok && id.Name == "key" {
			return // the ev helpers themselves, passing their parameter on
		}
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Errorf("%s: evidence key is not a string literal; the report cannot word it", fset.Position(pos))
			return
		}
		k, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatal(err)
		}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	fset, files := auditSources(t)
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "ev" && len(n.Args) > 0 {
					add(n.Pos(), fset, n.Args[0])
				}
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.Ident); ok && sel.Name == "Evidence" {
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Key" {
								add(kv.Pos(), fset, kv.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	if len(keys) < 40 {
		t.Fatalf("found %d evidence keys in the audit's sources: the scan no longer sees them", len(keys))
	}
	return keys
}

// Every evidence key the audit can write has a reader's words in every
// language: a new key without them fails here, as a finding without its
// French text fails the audit's tests.
func TestEvidenceKeysWorded(t *testing.T) {
	keys := auditEvidenceKeys(t)
	for _, l := range Langs {
		c, err := LoadCatalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if !c.Has("evidence." + k) {
				t.Errorf("%s: evidence key %q has no words (add \"evidence.%s\" to messages/%s.json)", l, k, k, l)
			}
		}
	}
}

func TestEvidenceValuesWorded(t *testing.T) {
	fr, _ := LoadCatalog(French)
	en, _ := LoadCatalog(English)
	for _, tc := range []struct {
		c      *Catalog
		key, v string
		want   string
	}{
		{fr, "siteVoiceVlan", "201 (inventory)", "201 (inventaire)"},
		{fr, "poeSupported", "false", "non"},
		{en, "poeSupported", "true", "yes"},
		{fr, "perPhoneW", "7.0 (class 2)", "7 (classe 2)"},
		{fr, "headroomW", "340.5", "340,5"},
		{fr, "role", "phone", "Téléphone"},
		{fr, "detection", "deliveringPower", "alimente"},
		{fr, "medPolicies", "voice vlan 201 tagged=true priority 5 dscp 46", "voix, VLAN 201 taggué, priorité 802.1p 5, DSCP 46"},
		{fr, "wan", "adsl 8000/800 kbit/s", "ADSL, 8 Mbit/s descendant, 800 kbit/s montant"},
		{en, "poeAdmin", "disabled", "disabled"},
		{fr, "openings", "SIP over TLS: tcp 8934,5062", "Signalisation SIP sur TLS (8934\u202f; 5062 pour la jonction par certificat)\u202f: TCP 8934,5062"},
		{fr, "model", "SG350X-24P-K9", "SG350X-24P-K9"},
	} {
		if got := tc.c.evidenceValue(tc.key, tc.v); got != tc.want {
			t.Errorf("%s %s=%q: got %q, want %q", tc.c.Lang, tc.key, tc.v, got, tc.want)
		}
	}
}

func TestFrenchSpacing(t *testing.T) {
	for in, want := range map[string]string{
		"Verdict : NON CONFORME":      "Verdict\u202f: NON CONFORME",
		"a ; b ? c !":                 "a\u202f; b\u202f? c\u202f!",
		"à 14:05 (UTC)":               "à 14:05 (UTC)",
		"voxlan probe --voice-vlan 2": "voxlan probe --voice-vlan 2",
		"(x :)":                       "(x\u202f:)",
	} {
		if got := frenchSpacing(in); got != want {
			t.Errorf("frenchSpacing(%q) = %q, want %q", in, got, want)
		}
	}
}

// wordsRe matches whole words of a Latin text: Go's \b knows ASCII
// only, and would find "phone" in "téléphone".
func wordsRe(flags, alternatives string) *regexp.Regexp {
	return regexp.MustCompile(flags + `(?:^|[^\p{L}\p{N}_])(` + alternatives + `)(?:[^\p{L}\p{N}_]|$)`)
}

func findWords(re *regexp.Regexp, text string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// camelCase is a raw key left in a reader's text ("voiceVlansHere"), and
// snakeCase a vendor or OS key ("aruba_aoscx") where a name belongs.
var (
	camelCase = wordsRe("", `[a-z]+[A-Z][A-Za-z]*`)
	snakeCase = wordsRe("", `[a-z]+_[a-z0-9_]+`)
)

// englishWords would betray an untranslated text in the French report.
// None is a French word.
var englishWords = wordsRe("(?i)", `the|and|with|is|are|each|users|channels|blocking|none|read|from|this|that|unknown|enabled|disabled|tagged|untagged|phones?|true|false|inventory|switches|class|not|found|should|must|yes|way`)

// glossaryAvoid reads the glossary of docs/report.md: the terms of its
// last column are never to appear in French.
func glossaryAvoid(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "docs", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "## Glossaire")
	if !ok {
		t.Fatal("docs/report.md has no glossary section")
	}
	var avoid []string
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) != 4 || strings.HasPrefix(cells[0], "---") || strings.TrimSpace(cells[0]) == "terme" {
			continue
		}
		for _, w := range strings.Split(cells[3], ",") {
			if w = strings.TrimSpace(w); w != "" {
				avoid = append(avoid, w)
			}
		}
	}
	if len(avoid) < 10 {
		t.Fatalf("glossary gives %d terms to avoid: the table was not read", len(avoid))
	}
	return avoid
}

// TestFrenchReportReadsFrench renders the French PDF of the demo site with
// its voice VLAN declared and of the built-in demo document, turns its
// pages into PNG with pdftoppm (kept in VOXLAN_REPORT_OUT for a look), and
// reads its text: no raw key, no English word, no term the glossary
// rejects; the HTML keeps the French spacing before high punctuation.
func TestFrenchReportReadsFrench(t *testing.T) {
	labtest.RequireTools(t, "pdftotext", "pdftoppm")
	avoid := glossaryAvoid(t)
	dir := t.TempDir()
	if keep := os.Getenv("VOXLAN_REPORT_OUT"); keep != "" {
		dir = keep
	}
	demo := demoDoc(t)
	// What the apply record quotes (CLI lines, the states and reasons the
	// apply wrote) is the devices' language, as switch names are.
	applied := *demo.Applied
	applied.Reports = nil
	for _, orig := range demo.Applied.Reports {
		sw := *orig
		for i := range sw.Sent {
			sw.Sent[i].Line = "cli-" + strconv.Itoa(i)
		}
		for i := range sw.Ports {
			sw.Ports[i].State = "state-" + strconv.Itoa(i)
		}
		for i := range sw.Refused {
			sw.Refused[i].Reason = "reason-" + strconv.Itoa(i)
		}
		applied.Reports = append(applied.Reports, &sw)
	}
	demo.Applied = &applied
	docs := map[string]*Document{"demo": demo}
	if d, err := Build(voiceVLANSite(t)); err != nil {
		t.Fatal(err)
	} else {
		docs["voice-site"] = d
	}
	for name, d := range docs {
		pdf := filepath.Join(dir, name+".fr.pdf")
		writeRendered(t, pdf, FormatPDF, French, d)
		out, err := exec.Command("pdftoppm", "-r", "60", "-png", pdf, filepath.Join(dir, name+".fr.page")).CombinedOutput()
		if err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		pngs, _ := filepath.Glob(filepath.Join(dir, name+".fr.page-*.png"))
		if len(pngs) != pdfPages(t, pdf) {
			t.Errorf("%s: %d PNG pages for %d PDF pages", name, len(pngs), pdfPages(t, pdf))
		}
		text := pdfText(t, pdf)
		// Device data is the site's own (switch and VLAN names, models).
		for _, s := range d.Switches {
			text = strings.ReplaceAll(text, s.Name, "")
			for _, v := range s.VLANs {
				if v.Name != "" {
					text = wordsRe("", regexp.QuoteMeta(v.Name)).ReplaceAllString(text, " ")
				}
			}
		}
		if k := missingKey.FindString(text); k != "" {
			t.Errorf("%s: missing catalogue key %s in the French PDF", name, k)
		}
		if m := placeholder.FindString(text); m != "" {
			t.Errorf("%s: unfilled placeholder %s in the French PDF", name, m)
		}
		for _, m := range append(findWords(camelCase, text), findWords(snakeCase, text)...) {
			t.Errorf("%s: raw key %q in the French PDF", name, m)
		}
		for _, m := range findWords(englishWords, text) {
			t.Errorf("%s: English word %q in the French PDF", name, m)
		}
		for _, w := range avoid {
			// An acronym is matched as written (POE, not PoE); a word in
			// any case.
			flags := "(?i)"
			if strings.ToLower(w) != w {
				flags = ""
			}
			if wordsRe(flags, regexp.QuoteMeta(w)).MatchString(text) {
				t.Errorf("%s: %q in the French PDF; the glossary (docs/report.md) says otherwise", name, w)
			}
		}
		// The 6200F publishes no PoE table and the JL074A only its
		// budget (HP-ICF-POE-MIB), not its ports' (port 44 has a
		// phone): never "no PoE".
		if name == "voice-site" {
			c, _ := LoadCatalog(French)
			if strings.Contains(text, c.T("switch.noPoE")) || !strings.Contains(text, "PoE non lu") ||
				!strings.Contains(text, "PoE du port non lu") {
				t.Errorf("%s: a switch whose PoE was not read is not said so", name)
			}
		}
		var html bytes.Buffer
		c, _ := LoadCatalog(French)
		if err := RenderHTML(&html, c, []*Document{d}, testOpts); err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`\p{L}[ \x{00A0}][:;?!](\s|<)`).Find(html.Bytes()); m != nil {
			t.Errorf("%s: French HTML has an ordinary space before high punctuation: %q", name, m)
		}
		// The English PDF has no raw key either.
		enPDF := filepath.Join(dir, name+".en.pdf")
		writeRendered(t, enPDF, FormatPDF, English, d)
		enText := pdfText(t, enPDF)
		for _, s := range d.Switches {
			enText = strings.ReplaceAll(enText, s.Name, "")
		}
		for _, m := range append(findWords(camelCase, enText), findWords(snakeCase, enText)...) {
			t.Errorf("%s: raw key %q in the English PDF", name, m)
		}
		if k := missingKey.FindString(enText); k != "" {
			t.Errorf("%s: missing catalogue key %s in the English PDF", name, k)
		}
	}
}
