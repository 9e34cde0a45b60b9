package snmpagent_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
)

// tinyRecording has 100 ifDescr rows, one Counter64 and the system group.
func tinyRecording(t testing.TB) *snmprec.Recording {
	t.Helper()
	in := "1.3.6.1.2.1.1.1.0|4|lab switch\n1.3.6.1.2.1.1.5.0|4|sw1\n1.3.6.1.2.1.31.1.1.1.6.1|70|12345678901\n"
	for i := 1; i <= 100; i++ {
		in += "1.3.6.1.2.1.2.2.1.2." + itoa(i) + "|4|port" + itoa(i) + "\n"
	}
	rec, err := snmprec.Parse("tiny.snmprec", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		i /= 10
		if i == 0 {
			return s
		}
	}
}

func client(t testing.TB, addr, community string, v gosnmp.SnmpVersion, timeout time.Duration) *gosnmp.GoSNMP {
	t.Helper()
	c := &gosnmp.GoSNMP{Target: "127.0.0.1", Community: community, Version: v, Timeout: timeout, Retries: 0, MaxOids: 60}
	_, port, _ := splitHostPort(addr)
	c.Port = port
	if err := c.Connect(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Conn.Close() })
	return c
}

func splitHostPort(addr string) (string, uint16, error) {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			var p uint16
			for _, c := range addr[i+1:] {
				p = p*10 + uint16(c-'0')
			}
			return addr[:i], p, nil
		}
	}
	return addr, 0, nil
}

func serve(t testing.TB, rec *snmprec.Recording, opts snmpagent.Options) string {
	t.Helper()
	g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec, Community: "lab"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g.Addrs()[0]
}

func TestWrongCommunityGetsNoAnswer(t *testing.T) {
	addr := serve(t, tinyRecording(t), snmpagent.Options{})
	if _, err := client(t, addr, "public", gosnmp.Version2c, 300*time.Millisecond).Get([]string{".1.3.6.1.2.1.1.5.0"}); err == nil {
		t.Fatal("a request with the wrong community was answered")
	}
	res, err := client(t, addr, "lab", gosnmp.Version2c, time.Second).Get([]string{".1.3.6.1.2.1.1.5.0"})
	if err != nil || string(res.Variables[0].Value.([]byte)) != "sw1" {
		t.Fatalf("got %v %v, want sw1", res, err)
	}
}

func TestGetBulkCapsAndEnds(t *testing.T) {
	addr := serve(t, tinyRecording(t), snmpagent.Options{})
	c := client(t, addr, "lab", gosnmp.Version2c, time.Second)
	res, err := c.GetBulk([]string{".1.3.6.1.2.1.1.5.0", ".1.3.6.1.2.1.2.2.1.2"}, 1, 200)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Variables) != 65 {
		t.Fatalf("got %d varbinds, want 1 non-repeater + 64 repetitions", len(res.Variables))
	}
	if res.Variables[0].Name != ".1.3.6.1.2.1.2.2.1.2.1" || res.Variables[64].Name != ".1.3.6.1.2.1.2.2.1.2.64" {
		t.Errorf("got first %s last %s", res.Variables[0].Name, res.Variables[64].Name)
	}
	res, err = c.GetBulk([]string{".1.3.6.1.2.1.31.1.1.1.6"}, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	var types []gosnmp.Asn1BER
	for _, v := range res.Variables {
		types = append(types, v.Type)
	}
	if len(types) != 3 || types[0] != gosnmp.Counter64 || types[1] != gosnmp.EndOfMibView || types[2] != gosnmp.EndOfMibView {
		t.Errorf("got %v, want Counter64 then endOfMibView twice", types)
	}
}

func TestSNMPv1(t *testing.T) {
	addr := serve(t, tinyRecording(t), snmpagent.Options{})
	c := client(t, addr, "lab", gosnmp.Version1, 500*time.Millisecond)
	res, err := c.GetNext([]string{".1.3.6.1.2.1.2.2.1.2.100"})
	if err != nil {
		t.Fatal(err)
	}
	// The only record after port100 is a Counter64, which v1 cannot carry.
	if res.Error != gosnmp.NoSuchName || res.ErrorIndex != 1 {
		t.Errorf("got error %v index %d, want noSuchName at 1", res.Error, res.ErrorIndex)
	}
	if _, err := c.GetBulk([]string{".1.3"}, 0, 5); err == nil {
		t.Error("GetBulk over SNMPv1 was answered")
	}
}

func TestDelayAndDrop(t *testing.T) {
	rec := tinyRecording(t)
	addr := serve(t, rec, snmpagent.Options{Delay: 20 * time.Millisecond})
	c := client(t, addr, "lab", gosnmp.Version2c, 2*time.Second)
	start := time.Now()
	if _, err := c.Get([]string{".1.3.6.1.2.1.1.5.0"}); err != nil {
		t.Fatal(err)
	}
	if rtt := time.Since(start); rtt < 40*time.Millisecond {
		t.Errorf("round trip %v, want at least 2 x 20 ms", rtt)
	}

	// The same seed drops the same requests.
	pattern := func() string {
		g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec, Community: "lab"},
			snmpagent.Options{DropRate: 0.5, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		c := client(t, g.Addrs()[0], "lab", gosnmp.Version2c, 100*time.Millisecond)
		s := ""
		for range 16 {
			if _, err := c.Get([]string{".1.3.6.1.2.1.1.5.0"}); err != nil {
				s += "x"
			} else {
				s += "."
			}
		}
		return s
	}
	a, b := pattern(), pattern()
	if a != b {
		t.Errorf("drop patterns differ with the same seed: %s vs %s", a, b)
	}
	if n := len(a) - len(replaceAll(a, "x")); n == 0 || n == len(a) {
		t.Errorf("drop pattern %s: want some dropped and some answered at rate 0.5", a)
	}
}

func replaceAll(s, drop string) string {
	out := ""
	for _, c := range s {
		if string(c) != drop {
			out += string(c)
		}
	}
	return out
}

func TestServeManySharesAndCloses(t *testing.T) {
	rec := tinyRecording(t)
	ctx, cancel := context.WithCancel(context.Background())
	eps := make([]snmpagent.Endpoint, 50)
	for i := range eps {
		eps[i] = snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec, Community: "lab"}
	}
	g, err := snmpagent.ServeMany(ctx, eps, snmpagent.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{g.Addrs()[0], g.Addrs()[49]} {
		if _, err := client(t, addr, "lab", gosnmp.Version2c, time.Second).Get([]string{".1.3.6.1.2.1.1.5.0"}); err != nil {
			t.Errorf("%s: %v", addr, err)
		}
	}
	cancel()
	done := make(chan struct{})
	go func() { g.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return after the context was cancelled")
	}
	if answered, _ := g.Stats(); answered != 2 {
		t.Errorf("answered %d, want 2", answered)
	}
}

func TestOverridesReplaceAndAdd(t *testing.T) {
	rec := tinyRecording(t)
	sysName, _ := snmprec.ParseOID("1.3.6.1.2.1.1.5.0")
	sysLocation, _ := snmprec.ParseOID("1.3.6.1.2.1.1.6.0")
	g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec, Community: "lab",
		Overrides: []snmprec.Record{
			{OID: sysLocation, Type: snmprec.OctetString, Bytes: []byte("lab rack")},
			{OID: sysName, Type: snmprec.OctetString, Bytes: []byte("renamed")},
		}}, snmpagent.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	c := client(t, g.Addrs()[0], "lab", gosnmp.Version2c, time.Second)
	var got []string
	err = c.BulkWalk(".1.3.6.1.2.1.1", func(p gosnmp.SnmpPDU) error {
		got = append(got, p.Name+"="+string(p.Value.([]byte)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := ".1.3.6.1.2.1.1.1.0=lab switch .1.3.6.1.2.1.1.5.0=renamed .1.3.6.1.2.1.1.6.0=lab rack"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("walk got  %s\nwant %s", g, want)
	}
	res, err := c.Get([]string{".1.3.6.1.2.1.1.5.0"})
	if err != nil || string(res.Variables[0].Value.([]byte)) != "renamed" {
		t.Errorf("Get sysName = %v %v, want renamed", res, err)
	}
	// The shared recording itself is untouched.
	if r, _ := rec.Get(sysName); string(r.Bytes) != "sw1" {
		t.Errorf("recording changed: sysName %q", r.Bytes)
	}
}

func TestOnRequestSeesAcceptedRequestsOnly(t *testing.T) {
	reqs := make(chan snmpagent.Request, 10)
	g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: tinyRecording(t), Community: "lab"},
		snmpagent.Options{OnRequest: func(r snmpagent.Request) { reqs <- r }})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	client(t, g.Addrs()[0], "nope", gosnmp.Version2c, 200*time.Millisecond).Get([]string{".1.3.6.1.2.1.1.5.0"})
	if _, err := client(t, g.Addrs()[0], "lab", gosnmp.Version2c, time.Second).GetBulk([]string{".1.3.6.1.2.1.2.2.1.2"}, 0, 7); err != nil {
		t.Fatal(err)
	}
	r := <-reqs
	if r.PDUType != gosnmp.GetBulkRequest || len(r.OIDs) != 1 || r.OIDs[0] != ".1.3.6.1.2.1.2.2.1.2" || r.MaxRepetitions != 7 {
		t.Errorf("got %+v, want the GetBulk of ifDescr only", r)
	}
	if len(reqs) != 0 {
		t.Errorf("%d more requests seen, want none (wrong community)", len(reqs))
	}
}

func TestSNMPv3Levels(t *testing.T) {
	rec := tinyRecording(t)
	for _, u := range []snmpagent.V3User{
		{Name: "none"},
		{Name: "authonly", AuthProto: "SHA256", AuthPass: "authpass-1"},
		{Name: "private", AuthProto: "SHA", AuthPass: "authpass-2", PrivProto: "AES", PrivPass: "privpass-2"},
	} {
		t.Run(u.Name, func(t *testing.T) {
			g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec, Community: "lab"},
				snmpagent.Options{V3: &u})
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			v3client := func(authPass string) *gosnmp.GoSNMP {
				_, port, _ := splitHostPort(g.Addrs()[0])
				c := &gosnmp.GoSNMP{Target: "127.0.0.1", Port: port, Version: gosnmp.Version3, Timeout: 500 * time.Millisecond, MaxOids: 60,
					SecurityModel: gosnmp.UserSecurityModel, MsgFlags: gosnmp.NoAuthNoPriv}
				usm := &gosnmp.UsmSecurityParameters{UserName: u.Name}
				if u.AuthProto != "" {
					c.MsgFlags = gosnmp.AuthNoPriv
					usm.AuthenticationPassphrase = authPass
					usm.AuthenticationProtocol = map[string]gosnmp.SnmpV3AuthProtocol{"SHA": gosnmp.SHA, "SHA256": gosnmp.SHA256}[u.AuthProto]
				}
				if u.PrivProto != "" {
					c.MsgFlags = gosnmp.AuthPriv
					usm.PrivacyProtocol, usm.PrivacyPassphrase = gosnmp.AES, u.PrivPass
				}
				c.SecurityParameters = usm
				if err := c.Connect(); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { c.Conn.Close() })
				return c
			}
			res, err := v3client(u.AuthPass).GetBulk([]string{".1.3.6.1.2.1.2.2.1.2"}, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Variables) != 3 || string(res.Variables[2].Value.([]byte)) != "port3" {
				t.Errorf("got %+v, want port1..port3", res.Variables)
			}
			if u.AuthProto != "" {
				if _, err := v3client("wrong-password").Get([]string{".1.3.6.1.2.1.1.5.0"}); err == nil {
					t.Error("a request with a wrong auth passphrase was answered")
				}
			}
		})
	}
}

func TestRefusesNonLabAddresses(t *testing.T) {
	for _, addr := range []string{":0", "0.0.0.0:0", "10.0.0.1:0", "[::]:0"} {
		g, err := snmpagent.Serve(context.Background(), snmpagent.Endpoint{Addr: addr, Recording: tinyRecording(t)}, snmpagent.Options{})
		if err == nil {
			g.Close()
			t.Errorf("%s: listening allowed, want refused", addr)
		} else if !strings.Contains(err.Error(), "loopback") {
			t.Errorf("%s: got %v, want a refusal naming loopback", addr, err)
		}
	}
}
