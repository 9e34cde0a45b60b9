package sizing

import (
	"math"
	"testing"
)

func TestErlangBKnownValues(t *testing.T) {
	// Values from the classic Erlang B table (1 % column): 26 channels carry
	// 16.96 E, 27 carry 17.80 E.
	for _, tc := range []struct {
		traffic  float64
		channels int
		want     float64
	}{
		{1, 1, 0.5},
		{2, 2, 0.4},
		{17.80, 27, 0.01},
		{16.96, 26, 0.01},
	} {
		got := ErlangB(tc.traffic, tc.channels)
		if math.Abs(got-tc.want) > 0.0005 {
			t.Errorf("ErlangB(%v, %d) = %.5f, want %.5f", tc.traffic, tc.channels, got, tc.want)
		}
	}
}

func TestChannelsSTASExample(t *testing.T) {
	// STAS 2.3.5: 100 users -> 27 channels -> 2.7 Mbit/s.
	s, err := Compute(Input{Users: 100})
	if err != nil {
		t.Fatal(err)
	}
	if s.Channels != 27 || s.VoiceKbps != 2700 {
		t.Fatalf("100 users: got %d channels, %d kbit/s; want 27, 2700", s.Channels, s.VoiceKbps)
	}
	if s.ErlangPerUser != 0.17 || s.Blocking != 0.01 {
		t.Fatalf("assumption: got %v erlang/user at %v, want 0.17 at 0.01", s.ErlangPerUser, s.Blocking)
	}
	if s.Assumption.EN == "" || s.Assumption.FR == "" {
		t.Fatal("assumption text missing")
	}
}

func TestChannelsEdges(t *testing.T) {
	for _, tc := range []struct {
		users int
		want  int
	}{{0, 0}, {1, 3}, {4, 4}, {10, 6}} { // checked against an independent Python recurrence
		s, err := Compute(Input{Users: tc.users})
		if err != nil {
			t.Fatal(err)
		}
		if s.Channels != tc.want {
			t.Errorf("%d users: got %d channels, want %d", tc.users, s.Channels, tc.want)
		}
	}
	if _, err := Compute(Input{Users: -1}); err == nil {
		t.Error("negative users: got no error")
	}
	if _, err := Channels(10, 0); err == nil {
		t.Error("blocking 0: got no error")
	}
	if _, err := Channels(math.Inf(1), 0.01); err == nil {
		t.Error("infinite traffic: got no error")
	}
	if _, err := Channels(1e6, 0.01); err == nil {
		t.Error("traffic beyond the bound: got no error")
	}
}

func TestXDSLTable(t *testing.T) {
	for _, tc := range []struct {
		wan  WAN
		want int
	}{
		{WAN{Access: AccessADSL, UpKbps: 448, DownKbps: 8000}, 2},
		{WAN{Access: AccessADSL, UpKbps: 800, DownKbps: 8000}, 4},
		{WAN{Access: AccessADSL, UpKbps: 800, DownKbps: 1000}, -1},
		{WAN{Access: AccessSDSL, UpKbps: 1024, DownKbps: 1024}, 5},
		{WAN{Access: AccessSDSL, UpKbps: 2048, DownKbps: 2048}, 10},
		{WAN{Access: AccessSDSL, UpKbps: 512, DownKbps: 512}, -1},
	} {
		if got := XDSLMaxChannels(tc.wan); got != tc.want {
			t.Errorf("%+v: got %d channels, want %d", tc.wan, got, tc.want)
		}
	}
	s, err := Compute(Input{Users: 20, WAN: &WAN{Access: AccessSDSL, UpKbps: 1024, DownKbps: 1024}})
	if err != nil {
		t.Fatal(err)
	}
	if !s.LowSpeed || s.WANMaxChannels != 5 {
		t.Fatalf("SDSL 1M: got lowSpeed=%t max=%d, want true 5", s.LowSpeed, s.WANMaxChannels)
	}
	s, err = Compute(Input{Users: 100, WAN: &WAN{Access: AccessFibre, UpKbps: 100000, DownKbps: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	if s.LowSpeed || s.WANMaxChannels != 1000 {
		t.Fatalf("fibre 100M: got lowSpeed=%t max=%d, want false 1000", s.LowSpeed, s.WANMaxChannels)
	}
}
