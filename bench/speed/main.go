// Command speed prints voxlan's discovery speed figures (issue 3, "Speed"),
// each with its baseline from the same run. Run it through bench/run.sh,
// which builds voxlan first:
//
//	./bench/run.sh            # or: make bench
//
// (a)/(b): one switch (a real recording served by lab/snmpagent on loopback
// with DELAY added to every packet each way, as a WAN link would) is read
// by `voxlan discover`; then net-snmp's snmpbulkwalk walks the same
// subtrees one after the other, as a shell script would, plus one snmpget
// of the scalars voxlan asked for. The subtrees are not copied from package
// snmp: the agent records which OIDs voxlan asked for, and every requested
// OID that is not itself a record starts a walk. Prints both times and the
// ratio.
//
// (c): SWITCHES simulated switches (the demo site's four recordings served
// again and again on more ports, parsed once) discovered by one `voxlan
// discover` into one snapshot: wall time and the child's peak RSS.
//
// Everything stays on 127.0.0.1; every step has a deadline.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/lab/snmpagent"
	"github.com/voxlan/voxlan/lab/snmprec"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

func main() {
	voxlan := flag.String("voxlan", "", "path of the voxlan binary to measure (required)")
	recording := flag.String("recording", "snmpsim-data_cisco_16_switch", "demo-site recording for (a)/(b)")
	delay := flag.Duration("delay", 10*time.Millisecond, "latency added to each packet each way in (a)/(b)")
	switches := flag.Int("switches", 200, "simulated switches for (c)")
	concurrency := flag.Int("concurrency", snmp.DefaultConcurrency, "voxlan discover --concurrency for (c)")
	runs := flag.Int("runs", 3, "times (a) and (c) are run (the machine is shared: figures vary); medians are compared")
	flag.Parse()
	if *voxlan == "" {
		fmt.Fprintln(os.Stderr, "speed: -voxlan PATH is required (bench/run.sh builds it)")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := oneSwitch(ctx, *voxlan, *recording, *delay, max(*runs, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "speed:", err)
		os.Exit(1)
	}
	if err := manySwitches(ctx, *voxlan, *switches, *concurrency, max(*runs, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "speed:", err)
		os.Exit(1)
	}
}

const community = "voxlan-bench"

// oneSwitch measures (a) voxlan (median of runs) and (b) sequential
// snmpbulkwalk against one delayed switch.
func oneSwitch(ctx context.Context, voxlan, recording string, delay time.Duration, runs int) error {
	rec, err := site.Recording(recording)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var reqs []snmpagent.Request
	g, err := snmpagent.Serve(ctx, snmpagent.Endpoint{Addr: "127.0.0.1:0", Recording: rec, Community: community},
		snmpagent.Options{Delay: delay, OnRequest: func(r snmpagent.Request) {
			mu.Lock()
			reqs = append(reqs, r)
			mu.Unlock()
		}})
	if err != nil {
		return err
	}
	defer g.Close()
	addr := g.Addrs()[0]

	fmt.Printf("(a)/(b) one switch: %s (%d records) on %s, %s added each way\n", recording, len(rec.Records), addr, delay)
	var times []time.Duration
	var snap *snapshot.Snapshot
	for range runs {
		start := time.Now()
		snap, _, err = discover(ctx, voxlan, []string{addr}, snmp.DefaultConcurrency)
		if err != nil {
			return err
		}
		times = append(times, time.Since(start))
		if len(snap.Errors) > 0 || len(snap.Switches) != 1 {
			return fmt.Errorf("(a) discovery failed: %d switches, errors %v", len(snap.Switches), snap.Errors)
		}
	}
	slices.Sort(times)
	voxlanTime := times[len(times)/2]
	mu.Lock()
	roots, gets, n := walkRoots(rec, reqs)
	mu.Unlock()
	fmt.Printf("  (a) voxlan discover:          %8s  median of %d (%s..%s; %d requests per run, %d subtrees, %d scalars, %d ports found)\n",
		voxlanTime.Round(time.Millisecond), runs, times[0].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond),
		n/runs, len(roots), len(gets), len(snap.Switches[0].Ports))

	start := time.Now()
	rows := 0
	for _, root := range roots {
		out, err := netsnmp(ctx, "snmpbulkwalk", "-v2c", "-c", community, "-Cr25", "-On", "-t", "5", "-r", "1", addr, root)
		if err != nil {
			return err
		}
		rows += bytes.Count(out, []byte("\n.")) + 1
	}
	if len(gets) > 0 {
		args := append([]string{"-v2c", "-c", community, "-On", "-t", "5", "-r", "1", addr}, gets...)
		if _, err := netsnmp(ctx, "snmpget", args...); err != nil {
			return err
		}
	}
	netsnmpTime := time.Since(start)
	fmt.Printf("  (b) snmpbulkwalk sequential:  %8s  (%d walks + 1 snmpget, ~%d rows)\n", netsnmpTime.Round(time.Millisecond), len(roots), rows)
	fmt.Printf("  ratio (b)/(a): %.1fx  (target >= 5x)\n\n", float64(netsnmpTime)/float64(voxlanTime))
	return nil
}

// walkRoots derives what voxlan read from the requests it sent: a GetNext
// or GetBulk OID that is not a record starts a walk (continuations ask for
// the last record returned); Get OIDs are scalars. n counts requests.
func walkRoots(rec *snmprec.Recording, reqs []snmpagent.Request) (roots, gets []string, n int) {
	seen := map[string]bool{}
	for _, r := range reqs {
		for _, name := range r.OIDs {
			if seen[name] {
				continue
			}
			oid, err := snmprec.ParseOID(name)
			if err != nil {
				continue
			}
			if r.PDUType == gosnmp.GetRequest {
				seen[name] = true
				gets = append(gets, name)
				continue
			}
			if _, isRecord := rec.Get(oid); !isRecord {
				seen[name] = true
				roots = append(roots, name)
			}
		}
	}
	return roots, gets, len(reqs)
}

// manySwitches measures (c), runs times against the same site.
func manySwitches(ctx context.Context, voxlan string, n, concurrency, runs int) error {
	copies := (n + len(site.Devices) - 1) / len(site.Devices)
	s, err := site.Start(ctx, site.Options{Copies: copies, Community: community})
	if err != nil {
		return err
	}
	defer s.Close()
	var addrs []string
	for _, sw := range s.Switches()[:n] {
		addrs = append(addrs, sw.Address)
	}
	fmt.Printf("(c) %d simulated switches (%d recordings x %d copies, parsed once) on loopback, no added delay,\n"+
		"    voxlan discover --concurrency %d, %d runs (targets: < 15 s, < 150 MB)\n", n, len(site.Devices), copies, concurrency, runs)
	var walls []time.Duration
	var worstRSS int64
	for i := range runs {
		start := time.Now()
		snap, rssKB, err := discover(ctx, voxlan, addrs, concurrency)
		if err != nil {
			return err
		}
		wall := time.Since(start)
		ports := 0
		for _, sw := range snap.Switches {
			ports += len(sw.Ports)
		}
		fmt.Printf("  run %d: %7s wall, peak RSS %6.1f MB  (snapshot: %d switches, %d ports, %d errors)\n",
			i+1, wall.Round(time.Millisecond), float64(rssKB)/1024, len(snap.Switches), ports, len(snap.Errors))
		if len(snap.Switches) != n {
			return fmt.Errorf("(c) got %d switches, want %d", len(snap.Switches), n)
		}
		walls = append(walls, wall)
		worstRSS = max(worstRSS, rssKB)
	}
	slices.Sort(walls)
	fmt.Printf("  median wall %s, worst peak RSS %.1f MB\n", walls[len(walls)/2].Round(time.Millisecond), float64(worstRSS)/1024)
	return nil
}

// discover runs voxlan discover on addrs and returns the snapshot and the
// child's peak resident set (kB).
func discover(ctx context.Context, voxlan string, addrs []string, concurrency int) (*snapshot.Snapshot, int64, error) {
	dir, err := os.MkdirTemp("", "voxlan-bench-")
	if err != nil {
		return nil, 0, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "snap.json")
	args := append([]string{"discover", "-o", "json", "--out", out, "--site", "bench", "--timeout", "3s",
		"--concurrency", fmt.Sprint(concurrency)}, addrs...)
	cmd := exec.CommandContext(ctx, voxlan, args...)
	cmd.Env = append(os.Environ(), "VOXLAN_SNMP_COMMUNITY="+community)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return nil, 0, err
	}
	f, ferr := os.Open(out)
	if ferr != nil {
		return nil, 0, fmt.Errorf("voxlan discover wrote no snapshot (%v): %s", err, tail(stderr.String()))
	}
	defer f.Close()
	snap, derr := snapshot.Decode(f)
	if derr != nil {
		return nil, 0, derr
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss // kilobytes on Linux
	}
	return snap, rss, nil
}

func netsnmp(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	// No MIB loading: -On prints numbers anyway, and loading MIBs per
	// process would only slow the baseline down.
	cmd.Env = append(os.Environ(), "MIBS=", "MIBDIRS=/nonexistent")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, tail(stderr.String()))
	}
	return out, nil
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-5):], "\n")
}
