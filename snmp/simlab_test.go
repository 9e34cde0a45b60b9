package snmp_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/snmpsim"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// recordingsDir holds the real recordings kept at the repository root
// (testdata/README.md); snmp/testdata/snmprec holds
// this package's own (broken on purpose) ones.
const recordingsDir = "../testdata/snmprec"

// One snmpsimd serves every recording to all tests of the package; it is
// started by the first test that needs it and stopped by TestMain.
var (
	simOnce sync.Once
	simSrv  *snmpsim.Server
	simErr  error
	simDir  string
)

func TestMain(m *testing.M) {
	if serveSiteIfAsked() {
		return
	}
	code := m.Run()
	if simSrv != nil {
		simSrv.Stop()
	}
	if simDir != "" {
		os.RemoveAll(simDir)
	}
	os.Exit(code)
}

// sim returns the one snmpsimd of this test binary, serving the
// repository's recordings (../testdata/snmprec) plus snmp/testdata/snmprec.
func sim(t testing.TB) *snmpsim.Server {
	t.Helper()
	labtest.RequireTools(t, snmpsim.Binary)
	simOnce.Do(func() {
		simDir, simErr = os.MkdirTemp("", "voxlan-snmp-test-")
		if simErr != nil {
			return
		}
		for _, dir := range []string{recordingsDir, "testdata/snmprec"} {
			entries, err := os.ReadDir(dir)
			if err != nil {
				simErr = err
				return
			}
			for _, e := range entries {
				b, err := os.ReadFile(dir + "/" + e.Name())
				if err != nil {
					simErr = err
					return
				}
				if err := os.WriteFile(simDir+"/"+e.Name(), b, 0o644); err != nil {
					simErr = err
					return
				}
			}
		}
		simSrv, simErr = snmpsim.Start(context.Background(), simDir, snmpsim.Options{})
	})
	if simErr != nil {
		t.Fatal(simErr)
	}
	return simSrv
}

// discoverRecording reads one recording from the shared snmpsimd.
func discoverRecording(t testing.TB, community string) snapshot.Switch {
	t.Helper()
	s := sim(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return snmp.DiscoverSwitch(ctx, snmp.Target{Address: s.Addr}, snmp.Options{
		Credentials: snmp.Credentials{Community: community},
		Timeout:     5 * time.Second,
		Retries:     1,
	})
}
