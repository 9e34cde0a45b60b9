//go:build linux

package probe_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/netns"
	"github.com/voxlan/voxlan/probe"
)

// childEnv carries the options of a probe run re-executed inside a lab
// namespace: every socket Run opens (raw, ICMP, UDP, TCP) must live in the
// laptop's namespace, which `ip netns exec` gives the whole process.
const childEnv = "VOXLAN_PROBE_TEST_CHILD"

// childOptions are the JSON-able part of probe.Options.
type childOptions struct {
	Interface      string
	VoiceVLAN      uint16
	LearnVoiceVLAN bool
	HereWait       time.Duration
	DHCPWait       time.Duration
	Full           bool
	DNSNames       []string
	Targets        []string
	Ports          []probe.PortSpec
	Echo           probe.EchoConfig
	Thresholds     probe.Thresholds
}

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

func child(spec string) int {
	var co childOptions
	if err := json.Unmarshal([]byte(spec), &co); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := probe.Run(ctx, probe.Options{
		Interface: co.Interface, VoiceVLAN: co.VoiceVLAN, LearnVoiceVLAN: co.LearnVoiceVLAN, HereWait: co.HereWait,
		DHCPWait: co.DHCPWait, Full: co.Full, DNSNames: co.DNSNames, Targets: co.Targets, Ports: co.Ports,
		Echo: co.Echo, Thresholds: co.Thresholds,
		Log: func(d time.Duration, msg string) { fmt.Fprintf(os.Stderr, "%7.3fs %s\n", d.Seconds(), msg) },
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		return 1
	}
	return 0
}

// runIn runs probe.Run inside ns (this test binary, re-executed there) and
// returns its result.
func runIn(t testing.TB, ns *netns.NS, co childOptions) *probe.Result {
	t.Helper()
	spec, err := json.Marshal(co)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := ns.Command(ctx, self)
	cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
	var stderr stringsBuilder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	t.Logf("probe run in %s:\n%s", ns.Name, stderr.String())
	if err != nil {
		t.Fatalf("probe child: %v", err)
	}
	var res probe.Result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("probe child output: %v\n%s", err, out)
	}
	return &res
}
