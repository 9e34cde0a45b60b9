package snmp_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/site"
	"github.com/voxlan/voxlan/snmp"
)

// envServeSite makes a re-executed test binary serve that many demo-site
// switches instead of running tests (see serveSiteIfAsked).
const envServeSite = "VOXLAN_SNMP_TEST_SERVE_SITE"

// BenchmarkDiscoverSite discovers many simulated switches (the demo site's
// recordings, copied) into one snapshot, as `voxlan discover` does. The
// agents run in a child process, so B/op and allocs/op, and a
// -memprofile, count discovery alone:
//
//	go test -run '^$' -bench BenchmarkDiscoverSite -benchtime 3x -benchmem -memprofile mem.out ./snmp
//	go tool pprof -sample_index=alloc_space -top mem.out
func BenchmarkDiscoverSite(b *testing.B) {
	for _, n := range []int{4, 200} {
		b.Run(fmt.Sprintf("switches=%d", n), func(b *testing.B) {
			addrs := serveSite(b, n)
			targets := make([]snmp.Target, len(addrs))
			for i, a := range addrs {
				targets[i] = snmp.Target{Address: a}
			}
			opts := snmp.Options{Credentials: snmp.Credentials{Community: site.DefaultCommunity}, Timeout: 3 * time.Second, Retries: 1}
			var ports int
			for b.Loop() {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				snap := snmp.Discover(ctx, "bench", targets, opts)
				cancel()
				if len(snap.Switches) != n || len(snap.Errors) > 0 {
					b.Fatalf("%d of %d switches read; errors %v", len(snap.Switches), n, snap.Errors)
				}
				ports = 0
				for _, sw := range snap.Switches {
					ports += len(sw.Ports)
				}
			}
			b.ReportMetric(float64(ports), "ports")
		})
	}
}

// serveSite starts this test binary again as a site of n switches and
// returns their addresses; the child ends with the benchmark.
func serveSite(tb testing.TB, n int) []string {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envServeSite+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		stdin.Close() // ends the child
		cmd.Wait()
	})
	var addrs []string
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if sc.Text() == "ready" {
			go io.Copy(io.Discard, stdout)
			return addrs
		}
		addrs = append(addrs, sc.Text())
	}
	tb.Fatalf("site child ended before it was ready: %v", sc.Err())
	return nil
}

// serveSiteIfAsked serves the demo site in a child started by serveSite:
// it prints the addresses, then "ready", and answers until stdin closes
// (at most ten minutes). It reports whether it did.
func serveSiteIfAsked() bool {
	v := os.Getenv(envServeSite)
	if v == "" {
		return false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "%s=%q: want a positive count\n", envServeSite, v)
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	s, err := site.Start(ctx, site.Options{Copies: (n + len(site.Devices) - 1) / len(site.Devices)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	var out strings.Builder
	for _, sw := range s.Switches()[:n] {
		out.WriteString(sw.Address + "\n")
	}
	out.WriteString("ready\n")
	os.Stdout.WriteString(out.String())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	<-ctx.Done()
	return true
}
