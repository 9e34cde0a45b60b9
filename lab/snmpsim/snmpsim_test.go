package snmpsim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmpsim"
)

const recordings = "../../testdata/snmprec"

func TestStartServesRecording(t *testing.T) {
	s := snmpsim.StartForTest(t, recordings, snmpsim.Options{Files: []string{"cnmatrix.snmprec"}})
	g := &gosnmp.GoSNMP{Target: "127.0.0.1", Port: uint16(s.Port), Community: "cnmatrix",
		Version: gosnmp.Version2c, Timeout: 2 * time.Second, Retries: 1}
	if err := g.Connect(); err != nil {
		t.Fatal(err)
	}
	defer g.Conn.Close()
	resp, err := g.Get([]string{"1.3.6.1.2.1.1.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	got := string(resp.Variables[0].Value.([]byte))
	if !strings.HasPrefix(got, "Cambium Networks cnMatrix") {
		t.Fatalf("sysDescr = %q, want the cnmatrix recording's", got)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Get([]string{"1.3.6.1.2.1.1.1.0"}); err == nil {
		t.Fatal("agent still answers after Stop")
	}
}
