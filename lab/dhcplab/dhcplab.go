//go:build linux

// Package dhcplab starts dnsmasq as a real DHCP (and optionally DNS) server
// in a test's network namespace, and builds lab.md's jack: a laptop
// namespace cabled to a switch namespace carrying an untagged data VLAN and a
// tagged voice VLAN (a userspace sub-interface, since the kernel has no
// 802.1Q), with room for a second, rogue server on the data VLAN.
package dhcplab

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
)

// Pool is one dnsmasq DHCP range with the options handed out with it.
type Pool struct {
	// Interface the range serves (dnsmasq --interface).
	Interface string
	// Start and End bound the range; Mask is dotted ("255.255.255.0").
	Start, End, Mask string
	// Lease is dnsmasq's lease syntax ("1h", "600").
	Lease string
	// Router is option 3; DNS option 6 (empty: none sent, or dnsmasq's own
	// address when the server runs DNS).
	Router string
	DNS    []string
	// Domain is option 15.
	Domain string
	// TFTPName is option 66, TFTPServers option 150 (Cisco), VendorHex
	// option 43 as colon-separated hex ("01:04:c0:a8:0a:01").
	TFTPName    string
	TFTPServers []string
	VendorHex   string
}

// Server configures one dnsmasq.
type Server struct {
	Pools []Pool
	// Ping leaves dnsmasq's ICMP check of each address before offering it
	// on: the first OFFER then comes about 3 s after the DISCOVER, as on
	// many real servers. Off (--no-ping) it comes in milliseconds.
	Ping bool
	// DNSRecords, when not empty, turns DNS on (port 53 on the pools'
	// interfaces) answering these names (name -> IPv4) and nothing else.
	DNSRecords map[string]string
}

// Dnsmasq is a running server.
type Dnsmasq struct {
	ns  *netns.NS
	dir string

	mu  sync.Mutex
	log strings.Builder
}

// Log returns what dnsmasq logged so far (with --log-dhcp: every packet).
func (d *Dnsmasq) Log() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.log.String()
}

// Start runs dnsmasq in ns until the namespace is deleted at the end of the
// test, and returns once its DHCP ranges are set up.
func Start(t testing.TB, ns *netns.NS, srv Server) *Dnsmasq {
	t.Helper()
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "dnsmasq")
	if len(srv.Pools) == 0 {
		t.Fatal("dhcplab: a server needs at least one pool")
	}
	d := &Dnsmasq{ns: ns, dir: t.TempDir()}
	args := Args(srv, filepath.Join(d.dir, "leases"))
	cmd := ns.Command(context.Background(), "dnsmasq", args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := ns.Start(cmd); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go d.readLog(stderr, len(srv.Pools), ready)
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatalf("dhcplab: dnsmasq in %s not ready after 10 s; it logged:\n%s", ns.Name, d.Log())
	}
	return d
}

// readLog copies dnsmasq's stderr into d.log and closes ready once every
// pool's "DHCP, IP range" line has appeared.
func (d *Dnsmasq) readLog(r io.Reader, pools int, ready chan struct{}) {
	sc := bufio.NewScanner(r)
	seen := 0
	for sc.Scan() {
		line := sc.Text()
		d.mu.Lock()
		d.log.WriteString(line + "\n")
		d.mu.Unlock()
		if strings.Contains(line, "DHCP, IP range") {
			seen++
			if seen == pools {
				close(ready)
			}
		}
	}
}

// Args returns dnsmasq's command line for srv: nothing read from /etc,
// foreground, log to stderr, bound to the pools' interfaces only.
func Args(srv Server, leaseFile string) []string {
	args := []string{
		"--conf-file=/dev/null", "--keep-in-foreground", "--log-facility=-", "--log-dhcp",
		"--dhcp-leasefile=" + leaseFile, "--bind-interfaces", "--dhcp-authoritative",
		"--user=root", "--group=root", // leases and logs stay in the test's own 0700 dir
	}
	if !srv.Ping {
		args = append(args, "--no-ping")
	}
	if len(srv.DNSRecords) == 0 {
		args = append(args, "--port=0")
	} else {
		args = append(args, "--no-resolv", "--no-hosts")
		for name, addr := range srv.DNSRecords {
			args = append(args, fmt.Sprintf("--address=/%s/%s", name, addr))
		}
	}
	seenIf := map[string]bool{}
	for i, p := range srv.Pools {
		tag := fmt.Sprintf("pool%d", i)
		if !seenIf[p.Interface] {
			args = append(args, "--interface="+p.Interface)
			seenIf[p.Interface] = true
		}
		lease := p.Lease
		if lease == "" {
			lease = "1h"
		}
		args = append(args, fmt.Sprintf("--dhcp-range=set:%s,%s,%s,%s,%s", tag, p.Start, p.End, p.Mask, lease))
		opt := func(spec string) { args = append(args, fmt.Sprintf("--dhcp-option=tag:%s,%s", tag, spec)) }
		if p.Router != "" {
			opt("option:router," + p.Router)
		}
		if len(p.DNS) > 0 {
			opt("option:dns-server," + strings.Join(p.DNS, ","))
		}
		if p.Domain != "" {
			opt("option:domain-name," + p.Domain)
		}
		if p.TFTPName != "" {
			opt("66," + p.TFTPName)
		}
		if len(p.TFTPServers) > 0 {
			opt("150," + strings.Join(p.TFTPServers, ","))
		}
		if p.VendorHex != "" {
			opt("43," + p.VendorHex)
		}
	}
	return args
}
