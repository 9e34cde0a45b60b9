package snmpagent_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/lab/snmprec/snmprectest"
	"github.com/voxlan/voxlan/lab/snmpsim"
)

// compared are the recordings served by both snmpsim and this agent:
// procurve and ciscosb carry the hex-text PortList artefact, cisco_16_switch
// is the largest (3 MB, 60k rows), ios_2960x has Cisco PoE tables.
var compared = []string{"procurve", "ciscosb_sg350x-24p", "ios_2960x", "snmpsim-data_cisco_16_switch"}

// TestSameAnswersAsSnmpsim walks each recording with net-snmp through
// snmpsimd (the real peer) and through this agent: the outputs must be
// byte-identical.
func TestSameAnswersAsSnmpsim(t *testing.T) {
	labtest.RequireTools(t, "snmpbulkwalk", "snmpwalk", "snmpget", snmpsim.Binary)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	var recs []*snmprec.Recording
	for _, name := range compared {
		rec, err := snmprec.ParseFile(snmprectest.Path(t, name))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	files := make([]string, len(compared))
	for i, name := range compared {
		files[i] = name + ".snmprec"
	}
	simAddr := snmpsim.StartForTest(t, snmprectest.Dir(), snmpsim.Options{Files: files}).Addr

	eps := make([]snmpagent.Endpoint, len(recs))
	for i, rec := range recs {
		eps[i] = snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec}
	}
	// snmpsim's built-in v3 user.
	simulator := &snmpagent.V3User{Name: "simulator", AuthProto: "MD5", AuthPass: "auctoritas", PrivProto: "DES", PrivPass: "privatus"}
	g, err := snmpagent.ServeMany(ctx, eps, snmpagent.Options{V3: simulator})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()

	type walk struct {
		name string
		args []string
	}
	walks := []walk{
		{"bulkwalk all", []string{"snmpbulkwalk", "-v2c", "-On", "-Cr25", ".1"}},
		{"walk system", []string{"snmpwalk", "-v2c", "-On", ".1.3.6.1.2.1.1"}},
		{"walk ifTable", []string{"snmpwalk", "-v2c", "-On", ".1.3.6.1.2.1.2.2"}},
		{"walk lldp", []string{"snmpwalk", "-v2c", "-On", ".1.0.8802.1.1.2.1.4"}},
		{"v1 walk ifXTable", []string{"snmpwalk", "-v1", "-On", ".1.3.6.1.2.1.31.1.1.1"}},
		{"get", []string{"snmpget", "-v2c", "-On", ".1.3.6.1.2.1.1.5.0", ".1.3.6.1.2.1.1.5.1", ".1.3.6.1.2.1.2.2.1.2.1", ".1.3.6.1.4.1.9.9.999.0"}},
		// snmpsim picks the recording by v3 context name; this agent serves
		// one recording per port and ignores it.
		{"v3 authPriv bulkwalk ifXTable", []string{"snmpbulkwalk", "-v3", "-u", "simulator", "-l", "authPriv", "-a", "MD5", "-A", "auctoritas",
			"-x", "DES", "-X", "privatus", "-n", "CONTEXT", "-On", "-Cr25", ".1.3.6.1.2.1.31.1.1.1"}},
	}
	for i, name := range compared {
		ours := g.Addrs()[i]
		for _, w := range walks {
			args := slices.Clone(w.args)
			if i := slices.Index(args, "CONTEXT"); i >= 0 {
				args[i] = name
			}
			t.Run(name+"/"+w.name, func(t *testing.T) {
				want := netsnmp(ctx, t, args, name, simAddr)
				got := netsnmp(ctx, t, args, name, ours)
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from snmpsim:\n%s", strings.Join(args, " "), firstDiff(got, want))
				}
				if w.name == "bulkwalk all" && bytes.Count(got, []byte("\n")) < len(recs[i].Records) {
					t.Errorf("walk printed %d lines for %d records", bytes.Count(got, []byte("\n")), len(recs[i].Records))
				}
			})
		}
	}
}

// netsnmp runs a net-snmp command against addr with community. Its
// stderr follows stdout so that an error message shows up in the
// comparison, less net-snmp's note about creating its state directory.
func netsnmp(ctx context.Context, t *testing.T, args []string, community, addr string) []byte {
	t.Helper()
	argv := append([]string{args[0], "-c", community, "-t", "5", "-r", "1", addr}, args[1:]...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "MIBS=", "MIBDIRS=/nonexistent", "SNMP_PERSISTENT_DIR="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(&stdout, "exit: %v\n", err)
	}
	for _, line := range strings.SplitAfter(stderr.String(), "\n") {
		if !strings.HasPrefix(line, "Created directory:") {
			stdout.WriteString(line)
		}
	}
	return stdout.Bytes()
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d (of %d vs %d):\ngot  %q\nwant %q", i+1, len(g), len(w), gl, wl)
		}
	}
	return "same lines, different bytes"
}

// TestAllTypesSameAsSnmpsim serves testdata/alltypes.snmprec (every tag,
// both encodings, recorded exceptions, extreme values) with both agents and
// compares v1, v2c and v3 walks and a Get of every record.
func TestAllTypesSameAsSnmpsim(t *testing.T) {
	labtest.RequireTools(t, "snmpbulkwalk", "snmpwalk", "snmpget", snmpsim.Binary)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rec, err := snmprec.ParseFile("testdata/alltypes.snmprec")
	if err != nil {
		t.Fatal(err)
	}
	simAddr := snmpsim.StartForTest(t, "testdata", snmpsim.Options{Files: []string{"alltypes.snmprec"}}).Addr
	g, err := snmpagent.Serve(ctx, snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec},
		snmpagent.Options{V3: &snmpagent.V3User{Name: "simulator", AuthProto: "MD5", AuthPass: "auctoritas", PrivProto: "DES", PrivPass: "privatus"}})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	get := []string{"snmpget", "-v2c", "-On"}
	for _, r := range rec.Records {
		get = append(get, "."+r.OID.String())
	}
	for _, args := range [][]string{
		{"snmpwalk", "-v1", "-On", ".1"},
		{"snmpwalk", "-v2c", "-On", ".1"},
		{"snmpbulkwalk", "-v2c", "-On", "-Cr5", ".1"},
		{"snmpbulkwalk", "-v2c", "-On", "-Cn1", "-Cr3", ".1"},
		{"snmpbulkwalk", "-v3", "-u", "simulator", "-l", "authPriv", "-a", "MD5", "-A", "auctoritas", "-x", "DES", "-X", "privatus",
			"-n", "alltypes", "-On", ".1"},
		get,
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			want := netsnmp(ctx, t, args, "alltypes", simAddr)
			got := netsnmp(ctx, t, args, "alltypes", g.Addrs()[0])
			if !bytes.Contains(want, []byte(`.1.3.6.1.2.1.1.1.0 = STRING: "plain text"`)) {
				t.Fatalf("snmpsim did not serve the file:\n%s", want)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from snmpsim:\n%s", strings.Join(args, " "), firstDiff(got, want))
			}
		})
	}
}
