package probe

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	fieldprobe "github.com/voxlan/voxlan/probe"
	"github.com/voxlan/voxlan/snapshot"
)

// writeTable prints one block per check, then the findings.
func writeTable(w io.Writer, res *fieldprobe.Result, profileName string) error {
	p := res.Probe
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Probe from %s, profile %s, %.2f s\n", p.Interface, profileName, p.DurationSeconds)
	if vlan, _ := fieldprobe.VoiceVLANFrom(res.Here); vlan != 0 && res.Here != nil {
		fmt.Fprintf(tw, "Voice VLAN %d announced by the switch after %.3f s (%s)\n", vlan, res.Here.Probe.AnswerSeconds, res.Here.Probe.AnswerProtocol)
	}
	if len(p.DHCP) > 0 {
		fmt.Fprintf(tw, "\nDHCP\nVLAN\tSERVER\tSERVER MAC\tOFFER\tPLAN\tROUTER\tDNS\tLEASE\tPHONE OPTIONS\tAFTER\n")
		for _, v := range p.DHCP {
			vlan := vlanLabel(v)
			if len(v.Offers) == 0 {
				fmt.Fprintf(tw, "%s\tno OFFER in %.1f s\t\t\t\t\t\t\t\t\n", vlan, v.WaitSeconds)
			}
			for _, o := range v.Offers {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f ms\n", vlan, o.ServerID, o.ServerMAC, o.Address,
					dash(o.Network), dash(strings.Join(o.Routers, ",")), dash(strings.Join(o.DNS, ",")),
					leaseText(o.LeaseSeconds), dash(phoneOptions(o)), o.AfterMs)
			}
		}
		leases := false
		for _, v := range p.DHCP {
			l := v.Lease
			if l == nil {
				continue
			}
			if !leases {
				fmt.Fprintf(tw, "\nDHCP LEASE (--full)\nVLAN\tSERVER\tRESULT\tACK\n")
				leases = true
			}
			state := "granted " + l.Address
			if !l.Granted {
				state = "NOT granted: " + l.Message
			} else if l.Released {
				state += ", released"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f ms\n", vlanLabel(v), l.ServerID, state, l.AckMs)
		}
	}
	if len(p.DNS) > 0 {
		fmt.Fprintf(tw, "\nDNS\nNAME\tSERVER\tANSWER\tTIME\n")
		for _, l := range p.DNS {
			answer := strings.Join(l.Addresses, ",")
			if !l.OK {
				answer = "FAILED: " + firstOf(l.Error, l.Rcode)
			}
			fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%.1f ms\n", l.Name, l.Server, l.Role, answer, l.Ms)
		}
	}
	if len(p.Transport) > 0 {
		fmt.Fprintf(tw, "\nTRANSPORT\nTARGET\tROLE\tONE-WAY\tJITTER\tLOSS\tPROBES\tMETHOD\tVERDICT\n")
		for _, t := range p.Transport {
			if t.Error != "" && t.Received == 0 {
				fmt.Fprintf(tw, "%s\t%s\t-\t-\t-\t%d\t%s\tnot measured: %s\n", t.Target, t.Role, t.Sent, dash(t.Method), t.Error)
				continue
			}
			verdict := "pass"
			if !t.Pass {
				verdict = "FAIL"
			}
			fmt.Fprintf(tw, "%s\t%s\t%.1f ms (< %.0f)\t%.1f ms (< %.0f)\t%.1f %% (< %.1f)\t%d/%d\t%s\t%s\n", t.Target, t.Role,
				t.OneWayMs, t.MaxOneWayMs, t.JitterMs, t.MaxJitterMs, t.LossPercent, t.MaxLossPercent, t.Received, t.Sent, dash(t.Method), verdict)
		}
	}
	if len(p.Ports) > 0 {
		fmt.Fprintf(tw, "\nFIREWALL (TCP)\nTARGET\tPORT\tOPENING\tSTATE\tTIME\n")
		for _, pt := range p.Ports {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%.1f ms\n", pt.Target, pt.Port, pt.Opening, pt.State, pt.Ms)
		}
	}
	fmt.Fprintf(tw, "\nFINDINGS\n")
	if len(p.Findings) == 0 {
		fmt.Fprintf(tw, "none\n")
	}
	for _, f := range p.Findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Requirement, strings.ToUpper(f.Severity), f.Message)
	}
	for _, s := range p.Skipped {
		fmt.Fprintf(tw, "skipped\t\t%s\n", s)
	}
	for _, e := range p.Errors {
		fmt.Fprintf(tw, "error\t\t%s\n", e.Error())
	}
	return tw.Flush()
}

func phoneOptions(o snapshot.DHCPOffer) string {
	var parts []string
	if o.TFTPServerName != "" {
		parts = append(parts, "66="+o.TFTPServerName)
	}
	if len(o.TFTPServers) > 0 {
		parts = append(parts, "150="+strings.Join(o.TFTPServers, ","))
	}
	if o.VendorSpecificHex != "" {
		parts = append(parts, "43="+o.VendorSpecificHex)
	}
	return strings.Join(parts, " ")
}

func leaseText(s int64) string {
	switch {
	case s == 0:
		return "-"
	case s%3600 == 0:
		return fmt.Sprintf("%dh", s/3600)
	case s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	}
	return fmt.Sprintf("%ds", s)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func vlanLabel(v snapshot.DHCPVLAN) string {
	if v.VLAN == 0 {
		return "untagged (" + v.Role + ")"
	}
	return fmt.Sprintf("%d (%s)", v.VLAN, v.Role)
}
