package snmpagent_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/lab/snmprec/snmprectest"
)

// compared are the recordings served by both snmpsim and this agent:
// procurve and ciscosb carry the hex-text PortList artefact, cisco_16_switch
// is the largest (3 MB, 60k rows), ios_2960x has Cisco PoE tables.
var compared = []string{"procurve", "ciscosb_sg350x-24p", "ios_2960x", "snmpsim-data_cisco_16_switch"}

// TestSameAnswersAsSnmpsim walks each recording with net-snmp through
// snmpsimd (the real peer) and through this agent: the outputs must be
// byte-identical.
func TestSameAnswersAsSnmpsim(t *testing.T) {
	labtest.RequireTools(t, "snmpbulkwalk", "snmpwalk", "snmpget", "snmpsimd")
	labtest.RequireRoot(t) // snmpsimd is started as root and drops to nobody
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
	simAddr := startSnmpsim(ctx, t, compared)

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

// startSnmpsim serves the named shared recordings with snmpsimd on a free
// loopback port and returns its address once it answers. snmpsimd refuses to
// run as root, so it drops to nobody: the data and cache directories must be
// readable and writable by nobody.
func startSnmpsim(ctx context.Context, t *testing.T, names []string) string {
	t.Helper()
	base, err := os.MkdirTemp("", "voxlan-snmpsim-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	data, cache := filepath.Join(base, "data"), filepath.Join(base, "cache")
	for _, d := range []string{data, cache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	if err := os.Chown(cache, uid, -1); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := os.ReadFile(snmprectest.Path(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, name+".snmprec"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	addr := freeUDPAddr(t)
	cmd := exec.CommandContext(ctx, "snmpsimd", "--data-dir="+data, "--cache-dir="+cache,
		"--agent-udpv4-endpoint="+addr, "--process-user=nobody", "--process-group=nogroup",
		"--logging-method=file:"+filepath.Join(cache, "snmpsimd.log"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	// snmpsimd indexes every file before it answers; the 3 MB one takes a
	// few seconds.
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			log, _ := os.ReadFile(filepath.Join(cache, "snmpsimd.log"))
			t.Fatalf("snmpsimd exited: %s\n%s", stderr.String(), log)
		default:
		}
		out, _ := exec.CommandContext(ctx, "snmpget", "-v2c", "-c", names[0], "-t", "1", "-r", "0", "-On", addr, ".1.3.6.1.2.1.1.2.0").CombinedOutput()
		if bytes.Contains(out, []byte("OID:")) {
			return addr
		}
	}
	t.Fatalf("snmpsimd on %s did not answer within 90 s: %s", addr, stderr.String())
	return ""
}

// freeUDPAddr returns a loopback UDP address nobody listens on now.
func freeUDPAddr(t *testing.T) string {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.LocalAddr().String()
}
