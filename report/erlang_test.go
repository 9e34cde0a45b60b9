package report

import (
	"testing"

	"github.com/voxlan/voxlan/sizing"
)

// The WAN sizing the report prints comes from the sizing package; this
// checks it against the published Erlang B table (traffic in erlangs that N
// channels carry at a blocking of 1, 2 and 5 %), the source's example
// (100 users at 0.17 erlang and 1 % -> 27 channels), and what the report
// says about it.
func TestErlangBAgainstPublishedTable(t *testing.T) {
	table := []struct {
		channels int
		blocking float64
		erlangs  float64
	}{
		{1, 0.01, 0.0101},
		{5, 0.01, 1.361}, {5, 0.02, 1.657}, {5, 0.05, 2.219},
		{10, 0.01, 4.461}, {10, 0.02, 5.084}, {10, 0.05, 6.216},
		{20, 0.01, 12.03}, {20, 0.02, 13.18}, {20, 0.05, 15.25},
		{27, 0.01, 17.80},
		{50, 0.01, 37.90}, {50, 0.02, 40.26}, {50, 0.05, 44.53},
		{100, 0.01, 84.06}, {100, 0.02, 87.97}, {100, 0.05, 95.24},
	}
	for _, p := range table {
		// Just under the table's traffic N channels suffice; just over, one
		// more is needed. The bracket (±0.5 %) is wider than the table's
		// rounding (4 significant digits).
		if got, err := sizing.Channels(p.erlangs*0.995, p.blocking); err != nil || got != p.channels {
			t.Errorf("%.4g E at %.0f%%: got %d channels (%v), want %d", p.erlangs*0.995, p.blocking*100, got, err, p.channels)
		}
		if got, err := sizing.Channels(p.erlangs*1.005, p.blocking); err != nil || got != p.channels+1 {
			t.Errorf("%.4g E at %.0f%%: got %d channels (%v), want %d", p.erlangs*1.005, p.blocking*100, got, err, p.channels+1)
		}
	}

	s, err := sizing.Compute(sizing.Input{Users: 100})
	if err != nil {
		t.Fatal(err)
	}
	v := sizingView(s)
	if v.Channels != 27 || v.VoiceKbps != 2700 {
		t.Fatalf("100 users: got %d channels, %d kbit/s; want 27 and 2700 (STAS 2.3.5)", v.Channels, v.VoiceKbps)
	}
	fr, _ := LoadCatalog(French)
	want := "Hypothèse\u202f: 100 utilisateurs × 0,17 erlang = 17 erlang, taux de blocage 1\u00a0%, loi d'Erlang B → 27 canaux × 100 kbit/s = 2,7 Mbit/s dans chaque sens."
	if got := fr.sizingAssumption(v); got[:len(want)] != want {
		t.Errorf("assumption:\n got %q\nwant %q...", got, want)
	}
}
