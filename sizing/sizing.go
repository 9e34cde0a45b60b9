// Package sizing turns a site's number of users and WAN access into the
// figures the STAS asks for (2.3.3 to 2.3.6): simultaneous voice channels by
// Erlang B, bandwidth per service, and the low-speed xDSL limits.
package sizing

import (
	"fmt"
	"math"
)

// Defaults from the STAS: 100 users give 27 channels, which is Erlang B at
// 0.17 erlang per user and 1 % blocking.
const (
	DefaultErlangPerUser = 0.17
	DefaultBlocking      = 0.01
	// VoiceKbpsPerCall is the STAS's figure per voice call, each direction.
	VoiceKbpsPerCall = 100
)

// maxChannels bounds the Erlang B search: far above any one site (the
// traffic of 20,000 users fits well under it), so the loop always ends.
const maxChannels = 10000

// ErlangB is the blocking probability of traffic erlangs offered to
// channels servers, by the stable recurrence B(0)=1,
// B(n) = A*B(n-1) / (n + A*B(n-1)).
func ErlangB(traffic float64, channels int) float64 {
	if traffic <= 0 {
		return 0
	}
	b := 1.0
	for n := 1; n <= channels; n++ {
		b = traffic * b / (float64(n) + traffic*b)
	}
	return b
}

// Channels is the smallest number of channels that carries traffic erlangs
// with a blocking probability at most blocking. It returns an error for
// inputs outside the model (negative traffic, blocking not in (0,1)).
func Channels(traffic, blocking float64) (int, error) {
	if traffic < 0 || math.IsNaN(traffic) || math.IsInf(traffic, 0) {
		return 0, fmt.Errorf("sizing: traffic %v erlang is not a finite positive number", traffic)
	}
	if !(blocking > 0 && blocking < 1) {
		return 0, fmt.Errorf("sizing: blocking %v must be between 0 and 1 (0.01 is 1 %%)", blocking)
	}
	if traffic == 0 {
		return 0, nil
	}
	b := 1.0
	for n := 1; n <= maxChannels; n++ {
		b = traffic * b / (float64(n) + traffic*b)
		if b <= blocking {
			return n, nil
		}
	}
	return 0, fmt.Errorf("sizing: %v erlang needs more than %d channels; split the site", traffic, maxChannels)
}

// Service is one line of the STAS 2.3.3 bandwidth table.
type Service struct {
	// Key is stable: "voice", "video", "screenShare", "chatPresence", "otherData".
	Key  string `json:"key"`
	Name Text   `json:"name"`
	// Kbps is the bandwidth of one session, up and down.
	Kbps int `json:"kbps"`
}

// Services is the STAS 2.3.3 table, up and down per session.
var Services = []Service{
	{Key: "voice", Name: Text{FR: "Voix", EN: "Voice"}, Kbps: 100},
	{Key: "video", Name: Text{FR: "Vidéo", EN: "Video"}, Kbps: 1200},
	{Key: "screenShare", Name: Text{FR: "Partage d'écran", EN: "Screen sharing"}, Kbps: 50},
	{Key: "chatPresence", Name: Text{FR: "Tchat et présence", EN: "Chat and presence"}, Kbps: 30},
	{Key: "otherData", Name: Text{FR: "Autres données (annuaire, journaux...)", EN: "Other data (directory, logs...)"}, Kbps: 35},
}

// Text is a label in French and English.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

// XDSLLimit is one column of the STAS 2.3.4 table: the most simultaneous
// voice channels a low-speed access carries.
type XDSLLimit struct {
	Access string `json:"access"`
	// MinUpKbps and MinDownKbps are the column's conditions (0 = none).
	MinUpKbps   int `json:"minUpKbps"`
	MinDownKbps int `json:"minDownKbps"`
	// MaxUpKbps is an upper bound on the upstream (ADSL < 512), 0 = none.
	MaxUpKbps   int `json:"maxUpKbps,omitempty"`
	MaxChannels int `json:"maxChannels"`
}

// XDSLLimits is the STAS 2.3.4 table, in its order.
var XDSLLimits = []XDSLLimit{
	{Access: "adsl", MaxUpKbps: 511, MaxChannels: 2},
	{Access: "adsl", MinUpKbps: 512, MinDownKbps: 1200, MaxChannels: 4},
	{Access: "sdsl", MinUpKbps: 1024, MinDownKbps: 1024, MaxChannels: 5},
	{Access: "sdsl", MinUpKbps: 2048, MinDownKbps: 2048, MaxChannels: 10},
}

// Access types an inventory may declare.
const (
	AccessADSL      = "adsl"
	AccessSDSL      = "sdsl"
	AccessVDSL      = "vdsl"
	AccessFibre     = "fibre"
	AccessCable     = "cable"
	AccessSatellite = "satellite"
	AccessOther     = "other"
)

// AccessTypes lists the access types an inventory may declare.
var AccessTypes = []string{AccessADSL, AccessSDSL, AccessVDSL, AccessFibre, AccessCable, AccessSatellite, AccessOther}

// WAN is the site's declared access.
type WAN struct {
	Access   string `json:"access"`
	UpKbps   int    `json:"upKbps"`
	DownKbps int    `json:"downKbps"`
}

// Input is what sizing needs to know about a site.
type Input struct {
	Users         int
	ErlangPerUser float64 // 0 means DefaultErlangPerUser
	Blocking      float64 // 0 means DefaultBlocking
	WAN           *WAN    // nil when not declared
}

// Sizing is the result shown in audits and reports.
type Sizing struct {
	Users         int     `json:"users"`
	ErlangPerUser float64 `json:"erlangPerUser"`
	Blocking      float64 `json:"blocking"`
	// TrafficErlang is Users * ErlangPerUser.
	TrafficErlang float64 `json:"trafficErlang"`
	// Channels is the simultaneous voice calls to carry (Erlang B).
	Channels int `json:"channels"`
	// VoiceKbps is Channels * VoiceKbpsPerCall, each direction.
	VoiceKbps int `json:"voiceKbps"`
	// Assumption states the model in both languages, for reports.
	Assumption Text      `json:"assumption"`
	Services   []Service `json:"services"`
	WAN        *WAN      `json:"wan,omitempty"`
	// LowSpeed is true for ADSL and SDSL up to 2 Mbit/s (STAS 2.3.4): video
	// is then forbidden and XDSLMaxChannels applies.
	LowSpeed bool `json:"lowSpeed"`
	// XDSLMaxChannels is the table's limit for the declared access; -1 when
	// the table does not apply or the access meets no column.
	XDSLMaxChannels int `json:"xdslMaxChannels"`
	// WANMaxChannels is how many calls the declared WAN carries: the xDSL
	// limit when it applies, else min(up, down) / VoiceKbpsPerCall; -1 when
	// no WAN is declared.
	WANMaxChannels int `json:"wanMaxChannels"`
}

// Compute sizes a site. It returns an error for inputs outside the model.
func Compute(in Input) (*Sizing, error) {
	if in.Users < 0 {
		return nil, fmt.Errorf("sizing: %d users; the number of users cannot be negative", in.Users)
	}
	epu := in.ErlangPerUser
	if epu == 0 {
		epu = DefaultErlangPerUser
	}
	blocking := in.Blocking
	if blocking == 0 {
		blocking = DefaultBlocking
	}
	traffic := float64(in.Users) * epu
	ch, err := Channels(traffic, blocking)
	if err != nil {
		return nil, err
	}
	s := &Sizing{
		Users: in.Users, ErlangPerUser: epu, Blocking: blocking,
		TrafficErlang: math.Round(traffic*1000) / 1000,
		Channels:      ch, VoiceKbps: ch * VoiceKbpsPerCall,
		Services:        Services,
		XDSLMaxChannels: -1, WANMaxChannels: -1,
	}
	s.Assumption = Text{
		FR: fmt.Sprintf("Erlang B : %d utilisateurs × %.2f erlang = %.2f erlang, blocage %.1f %% → %d canaux simultanés × %d kbit/s = %d kbit/s de voix dans chaque sens (STAS 2.3.5 : 100 utilisateurs → 27 canaux).",
			in.Users, epu, traffic, blocking*100, ch, VoiceKbpsPerCall, s.VoiceKbps),
		EN: fmt.Sprintf("Erlang B: %d users × %.2f erlang = %.2f erlang at %.1f %% blocking → %d simultaneous channels × %d kbit/s = %d kbit/s of voice each way (STAS 2.3.5: 100 users → 27 channels).",
			in.Users, epu, traffic, blocking*100, ch, VoiceKbpsPerCall, s.VoiceKbps),
	}
	if in.WAN != nil {
		w := *in.WAN
		s.WAN = &w
		s.LowSpeed = (w.Access == AccessADSL || w.Access == AccessSDSL) && w.UpKbps <= 2048
		if s.LowSpeed {
			s.XDSLMaxChannels = XDSLMaxChannels(w)
			s.WANMaxChannels = max(s.XDSLMaxChannels, 0)
		} else {
			s.WANMaxChannels = min(w.UpKbps, w.DownKbps) / VoiceKbpsPerCall
		}
	}
	return s, nil
}

// XDSLMaxChannels returns the STAS 2.3.4 limit for a low-speed access: the
// best column of its access type whose conditions the speeds meet, -1 when
// none does (an SDSL below 1 Mbit/s, for instance).
func XDSLMaxChannels(w WAN) int {
	best := -1
	for _, l := range XDSLLimits {
		if l.Access != w.Access {
			continue
		}
		if w.UpKbps < l.MinUpKbps || w.DownKbps < l.MinDownKbps {
			continue
		}
		if l.MaxUpKbps > 0 && w.UpKbps > l.MaxUpKbps {
			continue
		}
		best = max(best, l.MaxChannels)
	}
	return best
}
