package probe

import (
	"strconv"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/profile"
)

// The wte profile's TCP openings (STAS 2.6.2), each port once, ranges of up
// to 8 ports whole; UDP openings are not tried over TCP.
func TestTCPOpeningsWTE(t *testing.T) {
	p, err := profile.Builtin("wte")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range TCPOpenings(p) {
		got = append(got, strconv.Itoa(s.Port)+"="+s.Opening)
	}
	want := []string{
		"8934=SIP over TLS", "5062=SIP over TLS", "443=HTTPS, Provisioning and firmware, Push notifications",
		"8443=HTTPS", "6970=Provisioning and firmware", "80=Provisioning and firmware", "53=DNS over TCP",
		"2197=Push notifications", "5223=Push notifications", "5228=Push notifications", "5229=Push notifications",
		"5230=Push notifications",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The probe resolves the profile's service names first, then the --resolve
// names it does not already list.
func TestDNSNames(t *testing.T) {
	for _, c := range []struct {
		profile string
		resolve []string
		want    string
	}{
		{"wte", nil, "activate.cisco.com,webapps.cisco.com,sudirenewal.cisco.com,cloudupgrader.webex.com,cscan.webex.com"},
		{"wte", []string{"sip.lab.test", "Activate.Cisco.com.", " ", "sip.lab.test"},
			"activate.cisco.com,webapps.cisco.com,sudirenewal.cisco.com,cloudupgrader.webex.com,cscan.webex.com,sip.lab.test"},
		{"mitel", []string{"mbg.example.net"}, "rcs.aastra.com,mbg.example.net"},
		{"generic", nil, ""},
	} {
		p, err := profile.Builtin(c.profile)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(DNSNames(p, c.resolve), ","); got != c.want {
			t.Errorf("%s %q: got %s, want %s", c.profile, c.resolve, got, c.want)
		}
	}
}

// Ports given by hand: each port of a short range, named after where they
// came from; a range the size of a scan and a port out of range refused.
func TestParsePorts(t *testing.T) {
	got, err := ParsePorts("443, 5228-5230", "--ports")
	if err != nil {
		t.Fatal(err)
	}
	var ports []string
	for _, p := range got {
		ports = append(ports, strconv.Itoa(p.Port)+"="+p.Opening)
	}
	if want := "443=--ports 5228=--ports 5229=--ports 5230=--ports"; strings.Join(ports, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(ports, " "), want)
	}
	for _, bad := range []string{"1-1000", "70000", "x", "10-5"} {
		if _, err := ParsePorts(bad, "--ports"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got, err := ParsePorts(" ", "--ports"); err != nil || got != nil {
		t.Errorf("blank list: %v, %v", got, err)
	}
}
