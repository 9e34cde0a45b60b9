// Package profile holds the expectations a site is audited against: the
// built-in profiles wte (the operator's STAS), mitel (the Mitel deployment
// report) and generic, as embedded YAML, and the loading and validation of an
// edited copy, with file:line:column errors.
package profile

import (
	"embed"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/voxlan/voxlan/internal/readcap"
	"github.com/voxlan/voxlan/profile/strictyaml"
)

// Profile is one service's thresholds and expectations. Every field is
// documented in the built-in YAML files, which are the reference.
type Profile struct {
	Name   string `yaml:"name" json:"name" check:"required"`
	Title  Text   `yaml:"title" json:"title" check:"required"`
	Source string `yaml:"source" json:"source" check:"required"`
	// Engineerings lists the LAN engineerings this service allows, among
	// "standard" and "voiceVlan". A site declared or seen with another one
	// is judged against the first listed.
	Engineerings []string  `yaml:"engineerings" json:"engineerings" check:"required"`
	VoiceVLAN    VoiceVLAN `yaml:"voiceVlan" json:"voiceVlan" check:"required"`
	PoE          PoE       `yaml:"poe" json:"poe" check:"required"`
	Ports        Ports     `yaml:"ports" json:"ports" check:"required"`
	LLDPMED      LLDPMED   `yaml:"lldpMed" json:"lldpMed" check:"required"`
	DHCP         DHCP      `yaml:"dhcp" json:"dhcp" check:"required"`
	Transport    Transport `yaml:"transport" json:"transport" check:"required"`
	WAN          WAN       `yaml:"wan" json:"wan" check:"required"`
	Firewall     []Opening `yaml:"firewall" json:"firewall" check:"required"`
	DNS          DNS       `yaml:"dns" json:"dns"`
	Phones       Phones    `yaml:"phones" json:"phones" check:"required"`
	Roles        Roles     `yaml:"roles" json:"roles" check:"required"`
}

// Text is a message in French and English.
type Text struct {
	FR string `yaml:"fr" json:"fr" check:"required"`
	EN string `yaml:"en" json:"en" check:"required"`
}

// VoiceVLAN is how the voice VLAN must be delivered when the site uses one.
type VoiceVLAN struct {
	// Name is the VLAN name a plan gives a created voice VLAN.
	Name string `yaml:"name" json:"name" check:"required"`
	// DataUntagged: phone ports carry the data VLAN untagged (first boot,
	// STAS L6) and the voice VLAN tagged (L4).
	DataUntagged bool `yaml:"dataUntagged" json:"dataUntagged"`
	// SiteWide: every switch of the site has the same voice VLAN (L8).
	SiteWide bool `yaml:"siteWide" json:"siteWide"`
}

// PoE is what phones need from the switch.
type PoE struct {
	Required bool `yaml:"required" json:"required"`
	// Standard is the IEEE standard phones need: "802.3af", "802.3at"...
	Standard string `yaml:"standard" json:"standard" check:"required"`
	// ClassPowerW is the power the PSE reserves per class (IEEE 802.3af/at
	// figures at the PSE): class 0 15.4, 1 4.0, 2 7.0, 3 15.4, 4 30.
	ClassPowerW map[int]float64 `yaml:"classPowerW" json:"classPowerW" check:"required"`
	// PhoneClass is the class assumed for a phone whose class is unknown,
	// to count how many more phones the budget can power.
	PhoneClass int `yaml:"phoneClass" json:"phoneClass"`
	// MinHeadroomPhones below which the budget is a warning: spare power for
	// this many more phones of PhoneClass.
	MinHeadroomPhones int `yaml:"minHeadroomPhones" json:"minHeadroomPhones"`
}

// Ports are the cabling expectations on phone ports (L10).
type Ports struct {
	MinSpeedMbps int  `yaml:"minSpeedMbps" json:"minSpeedMbps" check:"required"`
	FullDuplex   bool `yaml:"fullDuplex" json:"fullDuplex"`
	// MaxFCSErrors is the FCS+alignment error count above which the port
	// fails; any error at all up to it is a warning.
	MaxFCSErrors uint64 `yaml:"maxFcsErrors" json:"maxFcsErrors"`
}

// LLDPMED is the network policy phone ports must advertise with a voice VLAN.
type LLDPMED struct {
	Voice          PolicyValues  `yaml:"voice" json:"voice" check:"required"`
	VoiceSignaling *PolicyValues `yaml:"voiceSignaling" json:"voiceSignaling"`
}

// PolicyValues are the 802.1p priority and DSCP of one application.
type PolicyValues struct {
	Priority int `yaml:"priority" json:"priority"`
	DSCP     int `yaml:"dscp" json:"dscp"`
}

// DHCP expectations (D1, D2, D4).
type DHCP struct {
	DataVLAN bool `yaml:"dataVlan" json:"dataVlan"`
	// VoiceVLAN: a second server in the voice VLAN when the site uses one.
	VoiceVLAN bool `yaml:"voiceVlan" json:"voiceVlan"`
	// SingleServer: two servers answering on one VLAN is a finding (D4).
	SingleServer bool `yaml:"singleServer" json:"singleServer"`
	// PublicDNS: terminals must reach public resolvers (D5).
	PublicDNS bool `yaml:"publicDns" json:"publicDns"`
}

// Transport are end-to-end quality thresholds (T).
type Transport struct {
	MaxLatencyMs   float64 `yaml:"maxLatencyMs" json:"maxLatencyMs" check:"required"`
	MaxJitterMs    float64 `yaml:"maxJitterMs" json:"maxJitterMs" check:"required"`
	MaxLossPercent float64 `yaml:"maxLossPercent" json:"maxLossPercent" check:"required"`
}

// WAN sizing assumptions (W).
type WAN struct {
	ErlangPerUser    float64 `yaml:"erlangPerUser" json:"erlangPerUser" check:"required"`
	Blocking         float64 `yaml:"blocking" json:"blocking" check:"required"`
	VoiceKbpsPerCall int     `yaml:"voiceKbpsPerCall" json:"voiceKbpsPerCall" check:"required"`
	// SatelliteAllowed: false makes a satellite access a warning.
	SatelliteAllowed bool `yaml:"satelliteAllowed" json:"satelliteAllowed"`
}

// Opening is one outbound firewall opening the service needs (F).
type Opening struct {
	Name     string `yaml:"name" json:"name" check:"required"`
	Protocol string `yaml:"protocol" json:"protocol" check:"required"`
	// Ports is a list of ports and ranges: "8934", "8500-8700".
	Ports []string `yaml:"ports" json:"ports" check:"required"`
}

// DNS lists the service's host names a phone must resolve (D5). The
// probe resolves each through the DNS servers DHCP offers. The section is
// optional, so a profile copied before it existed still loads.
type DNS struct {
	// Names are exact host names ("activate.cisco.com"): a wildcard of the
	// source ("*.webex.com") names no host to ask for.
	Names []string `yaml:"names" json:"names,omitempty"`
}

// Phones says how a telephone is recognised behind a port.
type Phones struct {
	// Vendors are the keys of the embedded OUI list (audit/phone_ouis.txt)
	// whose MACs count as phones; "all" takes every vendor.
	Vendors []string `yaml:"vendors" json:"vendors" check:"required"`
	// Platforms are substrings (case-insensitive) of a CDP platform, LLDP
	// system description or MED model that mark a telephone.
	Platforms []string `yaml:"platforms" json:"platforms"`
}

// Roles are the thresholds of port classification.
type Roles struct {
	// UplinkMinTaggedVLANs: a port with this many tagged VLANs or more is an
	// uplink (a phone port has one: the voice VLAN).
	UplinkMinTaggedVLANs int `yaml:"uplinkMinTaggedVlans" json:"uplinkMinTaggedVlans" check:"required"`
	// UnmanagedMinMACs: this many non-phone MACs or more behind an access
	// port with no LLDP/CDP bridge neighbour is an unmanaged switch or hub.
	UnmanagedMinMACs int `yaml:"unmanagedMinMacs" json:"unmanagedMinMacs" check:"required"`
}

//go:embed builtin/*.yaml
var builtinFS embed.FS

// Names lists the built-in profiles.
func Names() []string {
	return []string{"wte", "mitel", "generic"}
}

// BuiltinYAML returns the YAML text of a built-in profile.
func BuiltinYAML(name string) ([]byte, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("profile %q is not built in; built-in profiles are %s, or give a file path", name, strings.Join(Names(), ", "))
	}
	return builtinFS.ReadFile("builtin/" + name + ".yaml")
}

// Builtin returns a built-in profile.
func Builtin(name string) (*Profile, error) {
	data, err := BuiltinYAML(name)
	if err != nil {
		return nil, err
	}
	return Parse(name+".yaml (built in)", data)
}

// MaxFileBytes is the largest profile file Load reads.
const MaxFileBytes = 1 << 20

// Load returns a built-in profile by name, or reads a profile file when
// nameOrPath is not a built-in name (contains a slash or ends in .yaml/.yml).
func Load(nameOrPath string) (*Profile, error) {
	if slices.Contains(Names(), nameOrPath) {
		return Builtin(nameOrPath)
	}
	if !strings.ContainsRune(nameOrPath, os.PathSeparator) && !strings.HasSuffix(nameOrPath, ".yaml") && !strings.HasSuffix(nameOrPath, ".yml") {
		return nil, fmt.Errorf("profile %q is neither built in (%s) nor a .yaml file; copy one with 'voxlan profile show wte > my.yaml' and pass its path", nameOrPath, strings.Join(Names(), ", "))
	}
	data, err := readcap.ReadFile(nameOrPath, MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w (a profile is a few KiB: is this the right file?)", nameOrPath, err)
	}
	return Parse(nameOrPath, data)
}

// Parse decodes and validates a profile. file names it in errors. The error
// is a strictyaml.ErrorList with every mistake found.
func Parse(file string, data []byte) (*Profile, error) {
	var p Profile
	doc, err := strictyaml.Decode(file, data, &p, strictyaml.Options{})
	if err != nil {
		return nil, err
	}
	if err := p.validate(doc).Err(); err != nil {
		return nil, err
	}
	return &p, nil
}

// Engineering values (the same strings as audit.Engineering).
const (
	EngineeringStandard  = "standard"
	EngineeringVoiceVLAN = "voiceVlan"
)

func (p *Profile) validate(doc *strictyaml.Doc) strictyaml.ErrorList {
	var errs strictyaml.ErrorList
	add := func(path, format string, a ...any) { errs = append(errs, doc.Errorf(path, format, a...)) }
	if p.Name == "" || strings.ContainsAny(p.Name, " \t/") {
		add("name", "name %q must be one word without spaces or slashes", p.Name)
	}
	if len(p.Engineerings) == 0 {
		add("engineerings", "list at least one engineering: standard, voiceVlan")
	}
	for i, e := range p.Engineerings {
		if e != EngineeringStandard && e != EngineeringVoiceVLAN {
			add(fmt.Sprintf("engineerings[%d]", i), "engineering %q is not standard or voiceVlan", e)
		}
	}
	for class, w := range p.PoE.ClassPowerW {
		if class < 0 || class > 8 {
			add("poe.classPowerW", "PoE class %d does not exist; classes are 0 to 8", class)
		}
		if w <= 0 || w > 100 {
			add(fmt.Sprintf("poe.classPowerW.%d", class), "power %.1f W for class %d is outside 0-100 W", w, class)
		}
	}
	if _, ok := p.PoE.ClassPowerW[p.PoE.PhoneClass]; !ok {
		add("poe.phoneClass", "phoneClass %d has no power in classPowerW; add \"%d: <watts>\" there", p.PoE.PhoneClass, p.PoE.PhoneClass)
	}
	if p.PoE.MinHeadroomPhones < 0 {
		add("poe.minHeadroomPhones", "minHeadroomPhones cannot be negative")
	}
	switch p.Ports.MinSpeedMbps {
	case 10, 100, 1000, 2500, 5000, 10000:
	default:
		add("ports.minSpeedMbps", "minSpeedMbps %d is not an Ethernet speed; write 10, 100, 1000, 2500, 5000 or 10000", p.Ports.MinSpeedMbps)
	}
	checkPolicy := func(path string, v PolicyValues) {
		if v.Priority < 0 || v.Priority > 7 {
			add(path+".priority", "802.1p priority %d is outside 0-7", v.Priority)
		}
		if v.DSCP < 0 || v.DSCP > 63 {
			add(path+".dscp", "DSCP %d is outside 0-63 (EF is 46)", v.DSCP)
		}
	}
	checkPolicy("lldpMed.voice", p.LLDPMED.Voice)
	if p.LLDPMED.VoiceSignaling != nil {
		checkPolicy("lldpMed.voiceSignaling", *p.LLDPMED.VoiceSignaling)
	}
	if p.Transport.MaxLatencyMs <= 0 || p.Transport.MaxJitterMs <= 0 || p.Transport.MaxLossPercent <= 0 || p.Transport.MaxLossPercent >= 100 {
		add("transport", "transport thresholds must be positive (loss below 100 %%)")
	}
	if p.WAN.ErlangPerUser <= 0 || p.WAN.ErlangPerUser > 1 {
		add("wan.erlangPerUser", "erlangPerUser %v must be above 0 and at most 1 (0.17 in the STAS)", p.WAN.ErlangPerUser)
	}
	if p.WAN.Blocking <= 0 || p.WAN.Blocking >= 1 {
		add("wan.blocking", "blocking %v must be between 0 and 1 (0.01 is 1 %%)", p.WAN.Blocking)
	}
	if p.WAN.VoiceKbpsPerCall <= 0 {
		add("wan.voiceKbpsPerCall", "voiceKbpsPerCall must be positive (100 in the STAS)")
	}
	for i, o := range p.Firewall {
		path := fmt.Sprintf("firewall[%d]", i)
		if o.Protocol != "tcp" && o.Protocol != "udp" {
			add(path+".protocol", "protocol %q must be tcp or udp", o.Protocol)
		}
		for j, r := range o.Ports {
			if _, _, err := ParsePortRange(r); err != nil {
				add(fmt.Sprintf("%s.ports[%d]", path, j), "%v", err)
			}
		}
	}
	seen := map[string]bool{}
	for i, n := range p.DNS.Names {
		path := fmt.Sprintf("dns.names[%d]", i)
		if err := checkHostName(n); err != nil {
			add(path, "%v", err)
		} else if seen[strings.ToLower(n)] {
			add(path, "%q is listed twice; keep one", n)
		}
		seen[strings.ToLower(n)] = true
	}
	if len(p.Phones.Vendors) == 0 {
		add("phones.vendors", "list at least one phone vendor key, or \"all\"")
	}
	if p.Roles.UplinkMinTaggedVLANs < 2 {
		add("roles.uplinkMinTaggedVlans", "uplinkMinTaggedVlans must be at least 2: a phone port already carries one tagged VLAN")
	}
	if p.Roles.UnmanagedMinMACs < 2 {
		add("roles.unmanagedMinMacs", "unmanagedMinMacs must be at least 2: a PC behind a phone is one MAC")
	}
	return errs
}

// AllowsEngineering reports whether the profile lists e.
func (p *Profile) AllowsEngineering(e string) bool {
	return slices.Contains(p.Engineerings, e)
}

// checkHostName accepts a host name to resolve: dot-separated labels of
// letters, digits and hyphens (1-63 each, no hyphen at either end), at most
// 253 characters, with at least one dot. A trailing dot is allowed.
func checkHostName(n string) error {
	name := strings.TrimSuffix(n, ".")
	if strings.HasPrefix(name, "*.") {
		return fmt.Errorf("name %q is a wildcard; write a host under it (e.g. %q)", n, "www."+name[2:])
	}
	if strings.Contains(name, "://") || strings.ContainsAny(name, "/:") {
		return fmt.Errorf("name %q is not a host name; write only the host, without scheme, port or path", n)
	}
	if name == "" || len(name) > 253 || !strings.Contains(name, ".") {
		return fmt.Errorf("name %q is not a fully qualified host name like activate.cisco.com", n)
	}
	for _, label := range strings.Split(name, ".") {
		ok := len(label) >= 1 && len(label) <= 63 && label[0] != '-' && label[len(label)-1] != '-'
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				ok = false
			}
		}
		if !ok {
			return fmt.Errorf("name %q has an invalid label %q: letters, digits and inner hyphens, 1-63 characters", n, label)
		}
	}
	return nil
}

// ParsePortRange reads "8934" or "8500-8700".
func ParsePortRange(s string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(s, "-")
	if _, err := fmt.Sscanf(a, "%d", &lo); err != nil || fmt.Sprint(lo) != a {
		return 0, 0, fmt.Errorf("port %q is not a number or a range like 8500-8700", s)
	}
	hi = lo
	if isRange {
		if _, err := fmt.Sscanf(b, "%d", &hi); err != nil || fmt.Sprint(hi) != b {
			return 0, 0, fmt.Errorf("port %q is not a number or a range like 8500-8700", s)
		}
	}
	if lo < 1 || hi > 65535 || lo > hi {
		return 0, 0, fmt.Errorf("port range %q must be within 1-65535, low end first", s)
	}
	return lo, hi, nil
}
