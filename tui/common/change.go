package common

import (
	"fmt"

	"github.com/voxlan/voxlan/audit"
)

// ChangeWords says one vendor-neutral change in plain words.
func ChangeWords(c audit.Change) string {
	on := ""
	if c.Port != "" {
		on = " on " + c.Port
	}
	switch c.Kind {
	case audit.ChangeCreateVLAN:
		s := fmt.Sprintf("create VLAN %d %q", c.VLAN, c.Name)
		if c.Voice {
			s += " as the voice VLAN"
		}
		return s
	case audit.ChangeSetVoiceVLAN:
		return fmt.Sprintf("set voice VLAN %d%s", c.VLAN, on)
	case audit.ChangeSetDataVLAN:
		return fmt.Sprintf("set data VLAN %d untagged%s", c.VLAN, on)
	case audit.ChangeSetPortMode:
		s := fmt.Sprintf("make%s %s", on, c.Mode)
		if len(c.TaggedVLANs) > 0 {
			s += fmt.Sprintf(" tagging %v", c.TaggedVLANs)
		}
		return s
	case audit.ChangeEnableLLDP:
		if c.Port == "" {
			return "enable LLDP on the switch"
		}
		return "enable LLDP" + on
	case audit.ChangeEnableMEDPolicy:
		if p := c.Policy; p != nil {
			return fmt.Sprintf("advertise LLDP-MED %s VLAN %d priority %d DSCP %d%s", p.Application, p.VLAN, p.Priority, p.DSCP, on)
		}
		return "advertise an LLDP-MED policy" + on
	case audit.ChangeEnablePoE:
		return "enable PoE" + on
	}
	return string(c.Kind) + on
}
