package report

import "testing"

// FuzzCmapRunes: the font table reader never panics, whatever the bytes;
// seeded with the two embedded fonts and truncations of them.
func FuzzCmapRunes(f *testing.F) {
	f.Add(fontRegular)
	f.Add(fontBold)
	f.Add(fontRegular[:200])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = cmapRunes(b)
	})
}

func TestCmapRunesRejectsTruncated(t *testing.T) {
	for _, n := range []int{0, 11, 100, 1000} {
		if _, err := cmapRunes(fontRegular[:n]); err == nil {
			t.Errorf("%d bytes: no error", n)
		}
	}
	runes, err := cmapRunes(fontBold)
	if err != nil || !runes['É'] || runes[0x4E00] {
		t.Fatalf("bold font: err %v, É=%t, CJK=%t", err, runes['É'], runes[0x4E00])
	}
}

func TestPDFSafeReplacesMissingGlyphs(t *testing.T) {
	runes, err := pdfRunes()
	if err != nil {
		t.Fatal(err)
	}
	if got := pdfSafe(runes, "Bâtiment 😀 東京\tà"); got != "Bâtiment ? ?? à" {
		t.Errorf("got %q", got)
	}
}
