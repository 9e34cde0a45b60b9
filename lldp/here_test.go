package lldp

import (
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

func TestCountDevices(t *testing.T) {
	sw := snapshot.Neighbor{Protocol: "lldp", ChassisID: "00:11:22:33:44:55", SysName: "SW1.lab.test", MgmtAddress: "198.18.10.1"}
	tests := []struct {
		name string
		ns   []snapshot.Neighbor
		want int
	}{
		{"one switch, both protocols by name", []snapshot.Neighbor{sw, {Protocol: "cdp", ChassisID: "sw1"}}, 1},
		{"one switch, both protocols by address", []snapshot.Neighbor{sw, {Protocol: "cdp", ChassisID: "other-name", MgmtAddress: "198.18.10.1"}}, 1},
		{"switch and a phone behind a hub", []snapshot.Neighbor{sw, {Protocol: "lldp", ChassisID: "02:00:00:00:00:09", SysName: "SEP0200"}}, 2},
		{"LLDP switch and an unrelated CDP device", []snapshot.Neighbor{sw, {Protocol: "cdp", ChassisID: "R1"}}, 2},
		{"nothing", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countDevices(&snapshot.Here{Neighbors: tt.ns}); got != tt.want {
				t.Errorf("countDevices = %d, want %d", got, tt.want)
			}
		})
	}
}
