package site

import (
	"fmt"
	"strings"
)

// The demo site's declarations, as an inventory gives them: it is engineered
// with a voice VLAN (STAS "voiceVlan"), voice in VLAN 201 (the VLAN the core
// 3750's recording names VOICE2) and data in VLAN 60 (the core's most used
// access VLAN after 1). The recordings fall short of it in ways the audit
// finds and the drivers fix: switches without VLAN 201, access ports
// without a voice VLAN.
const (
	Engineering = "voiceVlan"
	VoiceVLAN   = 201
	DataVLAN    = 60
)

// Environment variable names the site's inventory refers to for its
// secrets; Getenv answers them from memory.
const (
	EnvCommunity      = "VOXLAN_DEMO_SNMP_COMMUNITY"
	envPasswordPrefix = "VOXLAN_DEMO_SSH_PASSWORD_"
)

// Inventory returns the running site as an inventory document (sites.yaml)
// for site name: its declarations, and per switch its SNMP address and,
// where it has a CLI emulator, its SSH platform, address and user. Secrets
// are references ({env: ...}) that Getenv resolves: the document holds none.
func (s *Site) Inventory(name string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# The voxlan demo site (lab/site), generated while it runs.\nsites:\n")
	fmt.Fprintf(&b, "  - name: %q\n    engineering: %s\n    voiceVlan: %d\n    dataVlan: %d\n", name, Engineering, VoiceVLAN, DataVLAN)
	fmt.Fprintf(&b, "    snmp:\n      version: \"2c\"\n      community: {env: %s}\n    switches:\n", EnvCommunity)
	for i, sw := range s.switches {
		fmt.Fprintf(&b, "      - host: %q\n        name: %q\n", sw.Address, sw.Name)
		if sw.SSH == nil {
			continue
		}
		_, port, _ := strings.Cut(sw.SSH.Address, ":")
		fmt.Fprintf(&b, "        ssh:\n          platform: %s\n          port: %s\n          user: %s\n          password: {env: %s%d}\n",
			sw.Platform, port, sw.SSH.User, envPasswordPrefix, i+1)
	}
	return []byte(b.String())
}

// Getenv resolves the secret references of Inventory; other names get "".
func (s *Site) Getenv(key string) string {
	if key == EnvCommunity {
		return s.community
	}
	var n int
	if rest, ok := strings.CutPrefix(key, envPasswordPrefix); ok {
		if _, err := fmt.Sscanf(rest, "%d", &n); err == nil && n >= 1 && n <= len(s.switches) && fmt.Sprint(n) == rest {
			if sw := s.switches[n-1]; sw.SSH != nil {
				return sw.SSH.password
			}
		}
	}
	return ""
}
