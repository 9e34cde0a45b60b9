package site_test

import (
	"context"
	"testing"

	"github.com/voxlan/voxlan/lab/site"
)

// BenchmarkStart is the time `voxlan demo` takes to bring the site up on
// SNMP alone (the baseline) and with its CLI emulators (each switch read
// over SNMP to seed its emulator, then served over SSH).
//
//	go test ./lab/site -run '^$' -bench Start -benchtime 20x
func BenchmarkStart(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts site.Options
	}{{"snmp", site.Options{}}, {"snmp+ssh", site.Options{SSH: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			// The recordings are unpacked once per process: not measured.
			for _, d := range site.Devices {
				if _, err := site.Recording(d.Recording); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				s, err := site.Start(context.Background(), bc.opts)
				if err != nil {
					b.Fatal(err)
				}
				_ = s.Close()
			}
		})
	}
}
