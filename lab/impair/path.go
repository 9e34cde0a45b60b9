//go:build linux

package impair

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/lab/vlantap"
)

// Path is lab.md's impaired path, built for one test:
//
//	laptop:LaptopDev 198.18.30.2 -- veth -- wire:wl [relay] wire:ws -- veth -- sw:SwitchDev 198.18.30.1
//
// AtoB of the relay is laptop -> switch, BtoA switch -> laptop.
type Path struct {
	Laptop, Switch, Wire *netns.NS
	LaptopDev, SwitchDev string
	LaptopAddr           string // 198.18.30.2
	SwitchAddr           string // 198.18.30.1
	Relay                *Relay
}

// NewPath builds the path with the given shapes (laptop->switch, switch->
// laptop) and tears it down when the test ends. Neighbour entries are pinned
// on both ends, so the relay's loss never eats an ARP exchange and the loss
// measured is the loss set. It skips (or fails under CI) without root.
func NewPath(t testing.TB, toSwitch, toLaptop Shape, seed uint64) *Path {
	t.Helper()
	labtest.RequireRoot(t)
	labtest.RequireTools(t, "ip", "ethtool")
	p := &Path{
		Laptop: netns.ForTest(t, "imlap"), Switch: netns.ForTest(t, "imsw"), Wire: netns.ForTest(t, "imwire"),
		LaptopDev: netns.UniqueName("eth"), SwitchDev: netns.UniqueName("swp"),
		LaptopAddr: "198.18.30.2", SwitchAddr: "198.18.30.1",
	}
	wl, ws := netns.UniqueName("wl"), netns.UniqueName("ws")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(netns.Veth(p.Laptop, p.LaptopDev, p.Wire, wl))
	must(netns.Veth(p.Switch, p.SwitchDev, p.Wire, ws))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, c := range []struct {
		ns   *netns.NS
		args []string
	}{
		// sh, not sysctl: procps may be missing where util-linux is not.
		{p.Wire, []string{"sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6"}},
		{p.Laptop, []string{"ethtool", "-K", p.LaptopDev, "tx", "off", "tso", "off", "gso", "off"}},
		{p.Switch, []string{"ethtool", "-K", p.SwitchDev, "tx", "off", "tso", "off", "gso", "off"}},
	} {
		_, err := c.ns.Run(ctx, c.args[0], c.args[1:]...)
		must(err)
	}
	must(p.Wire.IP("link", "set", wl, "promisc", "on"))
	must(p.Wire.IP("link", "set", ws, "promisc", "on"))
	must(p.Laptop.AddAddr(p.LaptopDev, p.LaptopAddr+"/24"))
	must(p.Switch.AddAddr(p.SwitchDev, p.SwitchAddr+"/24"))
	laptopMAC, err := MAC(p.Laptop, p.LaptopDev)
	must(err)
	switchMAC, err := MAC(p.Switch, p.SwitchDev)
	must(err)
	must(p.Laptop.IP("neigh", "replace", p.SwitchAddr, "lladdr", switchMAC, "dev", p.LaptopDev, "nud", "permanent"))
	must(p.Switch.IP("neigh", "replace", p.LaptopAddr, "lladdr", laptopMAC, "dev", p.SwitchDev, "nud", "permanent"))
	must(vlantap.InNetns(p.Wire.Name, func() error {
		var err error
		p.Relay, err = Start(context.Background(), Config{A: wl, B: ws, AtoB: toSwitch, BtoA: toLaptop, Seed: seed})
		return err
	}))
	t.Cleanup(func() {
		if err := p.Relay.Close(); err != nil {
			t.Errorf("impair relay: %v", err)
		}
	})
	return p
}

// MAC returns dev's MAC address in ns, read with `ip -o link show`.
func MAC(ns *netns.NS, dev string) (string, error) {
	out, err := exec.Command("ip", "-n", ns.Name, "-o", "link", "show", "dev", dev).Output()
	if err != nil {
		return "", fmt.Errorf("impair: ip link show %s in %s: %w", dev, ns.Name, err)
	}
	f := strings.Fields(string(out))
	for i := 0; i+1 < len(f); i++ {
		if f[i] == "link/ether" {
			return f[i+1], nil
		}
	}
	return "", fmt.Errorf("impair: no MAC for %s in %s", dev, ns.Name)
}
