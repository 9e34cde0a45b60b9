package report

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
)

// The PDF embeds DejaVu Sans (a Latin subset, fonts/README.md) so accents
// print the same everywhere, without depending on fonts installed on the
// machine that builds or runs voxlan.
var (
	//go:embed fonts/DejaVuSans-subset.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold-subset.ttf
	fontBold []byte
)

var (
	fontRunesOnce sync.Once
	fontRuneSet   map[rune]bool
	fontRunesErr  error
)

// pdfRunes is the set of characters both embedded fonts can draw.
func pdfRunes() (map[rune]bool, error) {
	fontRunesOnce.Do(func() {
		reg, err := cmapRunes(fontRegular)
		if err != nil {
			fontRunesErr = err
			return
		}
		bold, err := cmapRunes(fontBold)
		if err != nil {
			fontRunesErr = err
			return
		}
		fontRuneSet = map[rune]bool{}
		for r := range reg {
			if bold[r] {
				fontRuneSet[r] = true
			}
		}
	})
	return fontRuneSet, fontRunesErr
}

// pdfSafe replaces what the fonts cannot draw (emoji, CJK in a switch's
// description) with "?", so the PDF never loses or garbles a whole line.
func pdfSafe(runes map[rune]bool, s string) string {
	ok := true
	for _, r := range s {
		if !runes[r] && r != '\n' {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || runes[r]:
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

var errCmap = errors.New("report: font has no usable cmap (format 4)")

// cmapRunes reads the characters a TrueType font maps to a glyph, from its
// cmap format 4 subtable (Unicode BMP), checking every offset.
func cmapRunes(ttf []byte) (map[rune]bool, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errCmap
	}
	numTables := int(be.Uint16(ttf[4:]))
	var cmap []byte
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errCmap
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			off, length := int(be.Uint32(ttf[rec+8:])), int(be.Uint32(ttf[rec+12:]))
			if off < 0 || length < 4 || off+length > len(ttf) {
				return nil, errCmap
			}
			cmap = ttf[off : off+length]
		}
	}
	if cmap == nil {
		return nil, errCmap
	}
	n := int(be.Uint16(cmap[2:]))
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errCmap
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := int(be.Uint32(cmap[rec+4:]))
		if !((platform == 3 && encoding == 1) || platform == 0) || off+14 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		return cmapFormat4(cmap[off:])
	}
	return nil, errCmap
}

func cmapFormat4(t []byte) (map[rune]bool, error) {
	be := binary.BigEndian
	segX2 := int(be.Uint16(t[6:]))
	ends, starts := 14, 14+segX2+2
	deltas, rangeOffs := starts+segX2, starts+2*segX2
	if rangeOffs+segX2 > len(t) {
		return nil, errCmap
	}
	out := map[rune]bool{}
	// A real font's segments cover each BMP character once; a damaged one
	// could repeat 32767 full-range segments, so the work is bounded.
	budget := 4 * 0x10000
	for s := 0; s < segX2/2; s++ {
		end, start := int(be.Uint16(t[ends+2*s:])), int(be.Uint16(t[starts+2*s:]))
		if budget -= max(end-start+1, 0); budget < 0 {
			return nil, errCmap
		}
		delta, ro := int(be.Uint16(t[deltas+2*s:])), int(be.Uint16(t[rangeOffs+2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			glyph := 0
			if ro == 0 {
				glyph = (c + delta) & 0xFFFF
			} else {
				at := rangeOffs + 2*s + ro + 2*(c-start)
				if at+2 > len(t) {
					return nil, errCmap
				}
				if g := int(be.Uint16(t[at:])); g != 0 {
					glyph = (g + delta) & 0xFFFF
				}
			}
			if glyph != 0 {
				out[rune(c)] = true
			}
		}
	}
	return out, nil
}
