package report

import (
	"strings"

	"github.com/voxlan/voxlan/profile"
)

// FirewallFromProfile is the profile's port matrix as the report's
// checklist.
func FirewallFromProfile(p *profile.Profile) []FirewallRule {
	if p == nil {
		return nil
	}
	out := make([]FirewallRule, 0, len(p.Firewall))
	for _, o := range p.Firewall {
		out = append(out, FirewallRule{Name: o.Name, Protocol: strings.ToUpper(o.Protocol), Ports: strings.Join(o.Ports, ", ")})
	}
	return out
}

// opening words a firewall opening in the catalogue's language.
func (c *Catalog) opening(r FirewallRule) string { return c.TOr("firewall."+r.Name, r.Name) }
