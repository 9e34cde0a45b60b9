// bench/speed reads /proc and the kernel's rusage: Linux only, like the bench scripts.
//go:build linux

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
// again and again on more ports, parsed once, by a `speed -serve` child)
// discovered by one `voxlan discover` into one snapshot: wall time and the
// peak RSS of the voxlan process, read through `speed -measure` (see
// measure.go for why). With -baseline OLD_VOXLAN, the old binary is run
// alternately with the new one against the same agents, and the ratios are
// printed (bench/run.sh builds it from BASELINE_REV).
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
	baseline := flag.String("baseline", "", "another voxlan binary (e.g. an older commit) measured alternately with -voxlan in (c)")
	only := flag.String("only", "", `run only "a" ((a)/(b)) or "c"`)
	serve := flag.Bool("serve", false, "internal: serve -switches simulated switches, print their addresses, run until stdin closes")
	measure := flag.Bool("measure", false, "internal: run the command after -- and print its peak RSS as JSON")
	flag.Parse()
	switch {
	case *serve:
		exitOn(serveMain(*switches, community))
		return
	case *measure:
		exitOn(measureMain(flag.Args()))
		return
	}
	if *voxlan == "" {
		fmt.Fprintln(os.Stderr, "speed: -voxlan PATH is required (bench/run.sh builds it)")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if *only != "c" {
		exitOn(oneSwitch(ctx, *voxlan, *recording, *delay, max(*runs, 1)))
	}
	if *only != "a" {
		self, err := os.Executable()
		exitOn(err)
		exitOn(manySwitches(ctx, self, *voxlan, *baseline, *switches, *concurrency, max(*runs, 1)))
	}
}

func exitOn(err error) {
	if err != nil {
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
		snap, _, err = discover(ctx, "", voxlan, []string{addr}, snmp.DefaultConcurrency)
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

// manySwitches measures (c), runs times against the same agents; with a
// baseline binary, each run measures both, one after the other.
func manySwitches(ctx context.Context, self, voxlan, baseline string, n, concurrency, runs int) error {
	a, err := startAgents(ctx, self, n)
	if err != nil {
		return err
	}
	defer a.stop()
	if len(a.addrs) != n {
		return fmt.Errorf("speed -serve started %d switches, want %d", len(a.addrs), n)
	}
	fmt.Printf("(c) %d simulated switches (%d recordings, copied; served by a separate `speed -serve`) on loopback, no added delay,\n"+
		"    voxlan discover --concurrency %d, %d runs; peak RSS = ru_maxrss of voxlan started by `speed -measure` (targets: < 15 s, < 150 MB)\n",
		n, len(site.Devices), concurrency, runs)
	bins := []struct{ label, path string }{{"voxlan", voxlan}}
	if baseline != "" {
		bins = append(bins, struct{ label, path string }{"baseline", baseline})
	}
	walls := map[string][]time.Duration{}
	rss := map[string][]int64{}
	for i := range runs {
		for _, bin := range bins {
			start := time.Now()
			snap, m, err := discover(ctx, self, bin.path, a.addrs, concurrency)
			if err != nil {
				return fmt.Errorf("%s: %w", bin.label, err)
			}
			wall := time.Since(start)
			ports := 0
			for _, sw := range snap.Switches {
				ports += len(sw.Ports)
			}
			fmt.Printf("  run %d %-8s %7s wall, peak RSS %6.1f MB (polled VmHWM %5.1f MB, floor %4.1f MB)  snapshot: %d switches, %d ports, %d errors\n",
				i+1, bin.label+":", wall.Round(time.Millisecond), mb(m.MaxRSSKB), mb(m.PolledHWMKB), mb(m.FloorKB),
				len(snap.Switches), ports, len(snap.Errors))
			if len(snap.Switches) != n {
				return fmt.Errorf("(c) %s: got %d switches, want %d", bin.label, len(snap.Switches), n)
			}
			walls[bin.label] = append(walls[bin.label], wall)
			rss[bin.label] = append(rss[bin.label], m.MaxRSSKB)
		}
	}
	for _, bin := range bins {
		w, r := walls[bin.label], rss[bin.label]
		slices.Sort(w)
		slices.Sort(r)
		fmt.Printf("  %-9s median wall %7s, median peak RSS %6.1f MB, worst %6.1f MB\n", bin.label+":",
			w[len(w)/2].Round(time.Millisecond), mb(r[len(r)/2]), mb(r[len(r)-1]))
	}
	if baseline != "" {
		w, bw := walls["voxlan"], walls["baseline"]
		r, br := rss["voxlan"], rss["baseline"]
		fmt.Printf("  baseline/voxlan: wall %.2fx, peak RSS %.2fx (medians)\n",
			float64(bw[len(bw)/2])/float64(w[len(w)/2]), float64(br[len(br)/2])/float64(r[len(r)/2]))
	}
	return nil
}

func mb(kb int64) float64 { return float64(kb) / 1024 }

// discover runs voxlan discover on addrs and returns the snapshot. With
// self set, voxlan runs under `self -measure` and its measurement is
// returned too.
func discover(ctx context.Context, self, voxlan string, addrs []string, concurrency int) (*snapshot.Snapshot, measurement, error) {
	var m measurement
	dir, err := os.MkdirTemp("", "voxlan-bench-")
	if err != nil {
		return nil, m, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "snap.json")
	args := append([]string{"discover", "-o", "json", "--out", out, "--site", "bench", "--timeout", "3s",
		"--concurrency", fmt.Sprint(concurrency)}, addrs...)
	env := append(os.Environ(), "VOXLAN_SNMP_COMMUNITY="+community)
	var stderr bytes.Buffer
	if self != "" {
		m, err = measured(ctx, self, voxlan, args, env, &stderr)
	} else {
		cmd := exec.CommandContext(ctx, voxlan, args...)
		cmd.Env = env
		cmd.Stderr = &stderr
		err = cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = nil // the snapshot tells what failed
		}
	}
	if err != nil {
		return nil, m, err
	}
	f, ferr := os.Open(out)
	if ferr != nil {
		return nil, m, fmt.Errorf("voxlan discover wrote no snapshot: %s", tail(stderr.String()))
	}
	defer f.Close()
	snap, err := snapshot.Decode(f)
	return snap, m, err
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
