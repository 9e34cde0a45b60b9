package decode

import (
	"context"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil/cmdtest"
)

// bigCapture writes a pcap of n frames by repeating every frame of the real
// captures in ../../../../lldp/testdata/pcap.
func bigCapture(b *testing.B, n int) string {
	files, _ := filepath.Glob("../../../../lldp/testdata/pcap/*.pcap")
	captured := cmdtest.ReadFrames(b, files...)
	frames := make([][]byte, n)
	for i := range frames {
		frames[i] = captured[i%len(captured)].Data
	}
	return cmdtest.WritePcap(b, filepath.Join(b.TempDir(), "big.pcap"), frames...)
}

// BenchmarkDecodeVsTshark runs `voxlan decode` (JSON Lines) and, once, in
// the same run, `tshark -r FILE -T json -Y 'lldp or cdp'` on a 100k-frame
// capture of real frames, and reports frames/s of both and their ratio.
func BenchmarkDecodeVsTshark(b *testing.B) {
	const frames = 100_000
	path := bigCapture(b, frames)
	var voxlan time.Duration
	runs := 0
	for b.Loop() {
		start := time.Now()
		streams := &cmdutil.IOStreams{Out: io.Discard, ErrOut: io.Discard}
		err := decodeRun(context.Background(), &DecodeOptions{IO: streams, Output: "jsonl", Files: []string{path}})
		var ee *cmdutil.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.Code == cmdutil.ExitPartial) {
			b.Fatal(err)
		}
		voxlan += time.Since(start)
		runs++
	}
	voxlanRate := float64(frames) / (voxlan.Seconds() / float64(runs))
	b.ReportMetric(voxlanRate, "voxlan_frames/s")
	if _, err := exec.LookPath("tshark"); err != nil {
		b.Logf("tshark not installed: no baseline")
		return
	}
	b.StopTimer()
	start := time.Now()
	cmd := exec.Command("tshark", "-r", path, "-T", "json", "-Y", "lldp or cdp")
	cmd.Stdout = io.Discard
	if err := cmd.Run(); err != nil {
		b.Fatalf("tshark: %v", err)
	}
	tsharkRate := float64(frames) / time.Since(start).Seconds()
	b.ReportMetric(tsharkRate, "tshark_frames/s")
	b.ReportMetric(voxlanRate/tsharkRate, "x_tshark")
}
