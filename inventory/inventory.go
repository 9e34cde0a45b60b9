// Package inventory reads sites.yaml: the sites to audit, their switches,
// how to reach them, and references to the credentials (never the secrets
// themselves). Load reports every mistake with file:line:column and what to
// write instead.
package inventory

import (
	"fmt"
	"net"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/voxlan/voxlan/internal/readcap"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/profile/strictyaml"
	"github.com/voxlan/voxlan/sizing"
)

// Inventory is a whole sites.yaml.
type Inventory struct {
	// File is the path it was read from; relative profile paths are
	// resolved against its directory.
	File  string `yaml:"-"`
	Sites []Site `yaml:"sites" check:"required"`
}

// Site is one site: its switches and what the audit should expect.
type Site struct {
	Name string `yaml:"name" check:"required"`
	// Profile is a built-in profile name or a path to an edited copy
	// (relative to the inventory file). Default "wte".
	Profile string `yaml:"profile"`
	// Engineering is "standard" or "voiceVlan"; empty lets the audit infer it.
	Engineering string `yaml:"engineering"`
	Users       int    `yaml:"users"`
	DataVLAN    int    `yaml:"dataVlan"`
	VoiceVLAN   int    `yaml:"voiceVlan"`
	WAN         *WAN   `yaml:"wan"`
	// InternetVia names the site whose Internet access this site's traffic
	// goes through (a multi-site VPN with a central gateway, STAS 2.3.6);
	// that site's WAN is then sized for the users of both.
	InternetVia string `yaml:"internetVia"`
	// CarriedUsers and CarriedSites are the users and names of the sites
	// whose InternetVia is this site. Filled by Parse, not read from YAML.
	CarriedUsers int      `yaml:"-"`
	CarriedSites []string `yaml:"-"`
	// SNMP and SSH are the defaults for the site's switches.
	SNMP     *SNMP    `yaml:"snmp"`
	SSH      *SSH     `yaml:"ssh"`
	Switches []Switch `yaml:"switches" check:"required"`
}

// WAN is the site's Internet access.
type WAN struct {
	// Access is adsl, sdsl, vdsl, fibre, cable, satellite or other.
	Access   string `yaml:"access" check:"required"`
	DownKbps int    `yaml:"downKbps" check:"required"`
	UpKbps   int    `yaml:"upKbps" check:"required"`
}

// Switch is one switch of a site.
type Switch struct {
	// Host is an IP address or DNS name, optionally with ":port" for SNMP.
	Host string `yaml:"host" check:"required"`
	Name string `yaml:"name"`
	// SNMP and SSH replace the site's defaults as a whole when present.
	SNMP *SNMP `yaml:"snmp"`
	SSH  *SSH  `yaml:"ssh"`
}

// SNMP is how to read a switch.
type SNMP struct {
	// Version is "2c" or "3" (default "2c").
	Version   string     `yaml:"version"`
	Community *SecretRef `yaml:"community"`
	User      string     `yaml:"user"`
	AuthProto string     `yaml:"authProto"`
	AuthPass  *SecretRef `yaml:"authPass"`
	PrivProto string     `yaml:"privProto"`
	PrivPass  *SecretRef `yaml:"privPass"`
	Context   string     `yaml:"context"`
}

// SSH is how to change a switch.
type SSH struct {
	// Platform is the driver key ("cisco_ios", "aruba_aoss"...); empty lets
	// voxlan identify it from SNMP.
	Platform string     `yaml:"platform"`
	Port     int        `yaml:"port"`
	User     string     `yaml:"user"`
	Password *SecretRef `yaml:"password"`
	// Enable is the enable/super password where the platform has one.
	Enable *SecretRef `yaml:"enable"`
}

// SNMPOf returns the SNMP settings that apply to a switch of the site.
func (s *Site) SNMPOf(sw *Switch) *SNMP {
	if sw.SNMP != nil {
		return sw.SNMP
	}
	return s.SNMP
}

// SSHOf returns the SSH settings that apply to a switch of the site.
func (s *Site) SSHOf(sw *Switch) *SSH {
	if sw.SSH != nil {
		return sw.SSH
	}
	return s.SSH
}

// Site returns the site named name.
func (inv *Inventory) Site(name string) (*Site, error) {
	names := make([]string, len(inv.Sites))
	for i := range inv.Sites {
		if inv.Sites[i].Name == name {
			return &inv.Sites[i], nil
		}
		names[i] = inv.Sites[i].Name
	}
	return nil, fmt.Errorf("inventory %s: no site %q; sites are %s", inv.File, name, strings.Join(names, ", "))
}

// ProfileOf loads the profile a site is audited against.
func (inv *Inventory) ProfileOf(s *Site) (*profile.Profile, error) {
	return profile.Load(inv.profilePath(s.Profile))
}

func (inv *Inventory) profilePath(p string) string {
	if p == "" {
		return "wte"
	}
	if slices.Contains(profile.Names(), p) || filepath.IsAbs(p) || inv.File == "" {
		return p
	}
	return filepath.Join(filepath.Dir(inv.File), p)
}

// Load reads and checks an inventory file. The error lists every mistake
// as file:line:column: message.
func Load(path string) (*Inventory, error) {
	data, err := readcap.ReadFile(path, MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("inventory %s: %w (an inventory is a few KiB: is this the right file?)", path, err)
	}
	return Parse(path, data)
}

// MaxFileBytes is the largest inventory Load reads.
const MaxFileBytes = 16 << 20

// secretKeys are key names that hold a secret wherever they appear.
var secretKeys = regexp.MustCompile(`(?i)(pass(word|phrase)?|secret|community|token|key)$`)

// Parse checks an inventory held in memory; file names it in errors.
func Parse(file string, data []byte) (*Inventory, error) {
	inv := &Inventory{File: file}
	doc, err := strictyaml.Decode(file, data, inv, strictyaml.Options{
		UnknownKeyHint: func(key string) string {
			if secretKeys.MatchString(key) {
				return fmt.Sprintf("unknown key %q; a secret is never written in the inventory: put it in an environment variable, the OS keyring or an owner-only file, and reference it under snmp (community, authPass, privPass) or ssh (password, enable) as {env: NAME}, {keyring: NAME}, {file: PATH} or {prompt: true}", key)
			}
			return ""
		},
	})
	if err != nil {
		return nil, err
	}
	if err := inv.validate(doc).Err(); err != nil {
		return nil, err
	}
	inv.placeSecretRefs(doc)
	for i := range inv.Sites {
		if via := inv.Sites[i].InternetVia; via != "" {
			gw, _ := inv.Site(via)
			gw.CarriedUsers += inv.Sites[i].Users
			gw.CarriedSites = append(gw.CarriedSites, inv.Sites[i].Name)
		}
	}
	return inv, nil
}

var siteName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func (inv *Inventory) validate(doc *strictyaml.Doc) strictyaml.ErrorList {
	var errs strictyaml.ErrorList
	add := func(path, format string, a ...any) { errs = append(errs, doc.Errorf(path, format, a...)) }
	if len(inv.Sites) == 0 {
		add("sites", "no site: list at least one under \"sites:\"")
	}
	seenSite := map[string]bool{}
	for i := range inv.Sites {
		s := &inv.Sites[i]
		sp := fmt.Sprintf("sites[%d]", i)
		switch {
		case !siteName.MatchString(s.Name):
			add(sp+".name", "site name %q must be letters, digits, '.', '_' or '-' (it names the snapshot file)", s.Name)
		case seenSite[s.Name]:
			add(sp+".name", "site %q is listed twice; give each site its own name", s.Name)
		}
		seenSite[s.Name] = true
		if _, err := profile.Load(inv.profilePath(s.Profile)); err != nil {
			add(sp+".profile", "%s", firstLine(err))
		}
		if s.Engineering != "" && s.Engineering != profile.EngineeringStandard && s.Engineering != profile.EngineeringVoiceVLAN {
			add(sp+".engineering", "engineering %q must be standard or voiceVlan (or leave it out to infer it)", s.Engineering)
		}
		if s.Users < 0 {
			add(sp+".users", "users cannot be negative")
		}
		for _, v := range []struct {
			key string
			id  int
		}{{"dataVlan", s.DataVLAN}, {"voiceVlan", s.VoiceVLAN}} {
			if v.id != 0 && (v.id < 1 || v.id > 4094) {
				add(sp+"."+v.key, "%s %d is outside 1-4094", v.key, v.id)
			}
		}
		if s.DataVLAN != 0 && s.DataVLAN == s.VoiceVLAN {
			add(sp+".voiceVlan", "voiceVlan %d is also the dataVlan; voice needs its own VLAN", s.VoiceVLAN)
		}
		if s.Engineering == profile.EngineeringStandard && s.VoiceVLAN != 0 {
			add(sp+".voiceVlan", "voiceVlan is set but engineering is standard (no voice VLAN); remove one of them")
		}
		if w := s.WAN; w != nil {
			if !slices.Contains(sizing.AccessTypes, w.Access) {
				add(sp+".wan.access", "access %q must be one of %s", w.Access, strings.Join(sizing.AccessTypes, ", "))
			}
			if w.DownKbps <= 0 || w.UpKbps <= 0 {
				add(sp+".wan", "downKbps and upKbps must be positive, in kbit/s (8 Mbit/s is 8000)")
			}
		}
		if s.InternetVia != "" {
			gw := -1
			for k := range inv.Sites {
				if inv.Sites[k].Name == s.InternetVia {
					gw = k
				}
			}
			switch {
			case s.InternetVia == s.Name:
				add(sp+".internetVia", "site %q cannot reach the Internet through itself; remove internetVia", s.Name)
			case gw < 0:
				add(sp+".internetVia", "internetVia %q is not a site of this inventory", s.InternetVia)
			case inv.Sites[gw].InternetVia != "":
				add(sp+".internetVia", "site %q itself goes through %q; point internetVia at the site that holds the Internet access", s.InternetVia, inv.Sites[gw].InternetVia)
			case s.WAN != nil:
				add(sp+".internetVia", "a site that reaches the Internet through %q has no WAN of its own to size; remove wan or internetVia", s.InternetVia)
			}
		}
		if s.SNMP != nil {
			validateSNMP(add, sp+".snmp", s.SNMP)
		}
		if s.SSH != nil {
			validateSSH(add, sp+".ssh", s.SSH)
		}
		if len(s.Switches) == 0 {
			add(sp+".switches", "site %q has no switch; list at least one under \"switches:\"", s.Name)
		}
		seenHost := map[string]bool{}
		for j := range s.Switches {
			sw := &s.Switches[j]
			wp := fmt.Sprintf("%s.switches[%d]", sp, j)
			if err := checkHost(sw.Host); err != nil {
				add(wp+".host", "%v", err)
			} else if seenHost[sw.Host] {
				add(wp+".host", "switch %s is listed twice in site %q", sw.Host, s.Name)
			}
			seenHost[sw.Host] = true
			if sw.SNMP != nil {
				validateSNMP(add, wp+".snmp", sw.SNMP)
			}
			if sw.SSH != nil {
				validateSSH(add, wp+".ssh", sw.SSH)
			}
		}
	}
	return errs
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// checkHost accepts an IP address or a DNS name, with an optional port.
func checkHost(h string) error {
	host := h
	if hh, port, err := net.SplitHostPort(h); err == nil {
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port in %q must be 1-65535", h)
		}
		host = hh
	}
	if net.ParseIP(host) != nil {
		return nil
	}
	if !regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`).MatchString(host) {
		return fmt.Errorf("host %q is neither an IP address nor a DNS name", h)
	}
	return nil
}

var (
	authProtos = []string{"MD5", "SHA", "SHA224", "SHA256", "SHA384", "SHA512"}
	privProtos = []string{"DES", "AES", "AES192", "AES256", "AES192C", "AES256C"}
)

func validateSNMP(add func(string, string, ...any), path string, s *SNMP) {
	switch s.Version {
	case "", "2c":
		if s.User != "" || s.AuthPass != nil || s.PrivPass != nil {
			add(path, "user, authPass and privPass are SNMPv3 settings; add \"version: \\\"3\\\"\" or remove them")
		}
	case "3":
		if s.User == "" {
			add(path, "SNMPv3 needs a user: add \"user: NAME\"")
		}
		if s.Community != nil {
			add(path+".community", "community is an SNMPv2c setting; SNMPv3 uses user/authPass/privPass")
		}
		if s.AuthProto != "" && !slices.Contains(authProtos, s.AuthProto) {
			add(path+".authProto", "authProto %q must be one of %s", s.AuthProto, strings.Join(authProtos, ", "))
		}
		if s.PrivProto != "" && !slices.Contains(privProtos, s.PrivProto) {
			add(path+".privProto", "privProto %q must be one of %s", s.PrivProto, strings.Join(privProtos, ", "))
		}
		if (s.AuthProto == "") != (s.AuthPass == nil) {
			add(path, "authProto and authPass go together: give both or neither")
		}
		if (s.PrivProto == "") != (s.PrivPass == nil) {
			add(path, "privProto and privPass go together: give both or neither")
		}
		if s.PrivProto != "" && s.AuthProto == "" {
			add(path+".privProto", "privacy needs authentication: add authProto and authPass")
		}
	case "1":
		add(path+".version", "SNMPv1 is not supported; use \"2c\" or \"3\"")
	default:
		add(path+".version", "version %q must be \"2c\" or \"3\"", s.Version)
	}
	for _, r := range []struct {
		key string
		ref *SecretRef
	}{{"community", s.Community}, {"authPass", s.AuthPass}, {"privPass", s.PrivPass}} {
		if r.ref != nil {
			if err := r.ref.check(); err != nil {
				add(path+"."+r.key, "%s: %v", r.key, err)
			}
		}
	}
}

// placeSecretRefs records where each secret reference is written, so
// messages name it by line and key and never by what it holds.
func (inv *Inventory) placeSecretRefs(doc *strictyaml.Doc) {
	place := func(path, key string, ref *SecretRef) {
		if ref != nil {
			ref.Where = fmt.Sprintf("%s line %d, key %s", doc.File, doc.Pos(path+"."+key).Line, key)
		}
	}
	both := func(path string, snmp *SNMP, ssh *SSH) {
		if snmp != nil {
			place(path+".snmp", "community", snmp.Community)
			place(path+".snmp", "authPass", snmp.AuthPass)
			place(path+".snmp", "privPass", snmp.PrivPass)
		}
		if ssh != nil {
			place(path+".ssh", "password", ssh.Password)
			place(path+".ssh", "enable", ssh.Enable)
		}
	}
	for i := range inv.Sites {
		s := &inv.Sites[i]
		sp := fmt.Sprintf("sites[%d]", i)
		both(sp, s.SNMP, s.SSH)
		for j := range s.Switches {
			sw := &s.Switches[j]
			both(fmt.Sprintf("%s.switches[%d]", sp, j), sw.SNMP, sw.SSH)
		}
	}
}

func validateSSH(add func(string, string, ...any), path string, s *SSH) {
	if s.Port != 0 && (s.Port < 1 || s.Port > 65535) {
		add(path+".port", "port %d must be 1-65535", s.Port)
	}
	if s.Platform != "" && !regexp.MustCompile(`^[a-z0-9_]+$`).MatchString(s.Platform) {
		add(path+".platform", "platform %q must be a driver key such as cisco_ios, aruba_aoss, hp_comware", s.Platform)
	}
	for _, r := range []struct {
		key string
		ref *SecretRef
	}{{"password", s.Password}, {"enable", s.Enable}} {
		if r.ref != nil {
			if err := r.ref.check(); err != nil {
				add(path+"."+r.key, "%s: %v", r.key, err)
			}
		}
	}
}
