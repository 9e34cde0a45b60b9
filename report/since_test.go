package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
)

// sinceInput is the demo site with an earlier audit where one of today's
// failures did not exist yet and a finding now passing failed.
func sinceInput(t *testing.T) Input {
	t.Helper()
	in := demoInput()
	before := demoResult()
	before.TakenAt = in.Result.TakenAt.Add(-40 * 24 * time.Hour)
	var newID, fixedID string
	for i, f := range before.Findings {
		switch {
		case newID == "" && f.Status == audit.StatusFail && f.Port != "":
			newID = f.ID
			before.Findings[i].Status = audit.StatusPass
		case fixedID == "" && f.Status == audit.StatusPass && f.Switch != "":
			fixedID = f.ID
			before.Findings[i].Status = audit.StatusFail
		}
	}
	if newID == "" || fixedID == "" {
		t.Fatal("the demo audit has no failing port finding or no passing switch finding to build on")
	}
	before.Verdict = audit.VerdictOf(before.Findings)
	in.Since = diff.Compare(diff.Audit{Ref: "lyon@1", Result: before}, diff.Audit{Ref: "lyon@2", Result: in.Result})
	if len(in.Since.New) != 1 || len(in.Since.Fixed) != 1 {
		t.Fatalf("diff: new %q fixed %q", in.Since.New, in.Since.Fixed)
	}
	return in
}

func TestSinceSection(t *testing.T) {
	in := sinceInput(t)
	doc, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Build(demoInput())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs {
		c, err := LoadCatalog(l)
		if err != nil {
			t.Fatal(err)
		}
		title, fixed := map[Lang]string{French: "Depuis le dernier audit", English: "Since the last audit"}[l], map[Lang]string{French: "Corrigé depuis", English: "Fixed since then"}[l]
		intro := map[Lang]string{French: "(lyon@1, verdict", English: "(lyon@1, verdict"}[l]
		for _, f := range []Format{FormatHTML, FormatMarkdown} {
			var with, without bytes.Buffer
			if err := Render(&with, f, c, []*Document{doc}, testOpts); err != nil {
				t.Fatal(err)
			}
			if err := Render(&without, f, c, []*Document{plain}, testOpts); err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{title, fixed, intro, "1 "} {
				if !strings.Contains(with.String(), w) {
					t.Errorf("%s %s: lacks %q", l, f, w)
				}
			}
			if strings.Contains(without.String(), title) {
				t.Errorf("%s %s: the section is there without an earlier audit", l, f)
			}
			// The section sits between the summary and the requirements.
			s := with.String()
			if i, j := strings.Index(s, title), strings.Index(s, "1. "+c.T("section.requirements")); i < 0 || j < i {
				t.Errorf("%s %s: section at %d, requirements at %d", l, f, i, j)
			}
		}
	}
}

// TestSinceSectionPDF checks the PDF carries the section (poppler's
// pdftotext, as the other PDF tests).
func TestSinceSectionPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing (poppler-utils): make test installs it")
		}
		t.Skip("pdftotext missing (poppler-utils)")
	}
	doc, err := Build(sinceInput(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadCatalog(French)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "since.pdf")
	var buf bytes.Buffer
	if err := RenderPDF(&buf, c, []*Document{doc}, testOpts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, w := range []string{"Depuis le dernier audit", "Nouveau depuis", "Corrigé depuis", "lyon@1"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
}
