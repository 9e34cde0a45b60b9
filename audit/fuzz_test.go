package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/voxlan/voxlan/snapshot"
)

// FuzzDecode: Decode returns a result or an error, never panics, and what it
// accepts encodes and decodes to the same result.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.json")
	for _, name := range files[:min(3, len(files))] {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema":"voxlan.audit/v1","findings":null,"ports":[{"evidence":[{"key":"k"}]}]}`))
	f.Add([]byte(`{"schema":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeBytes(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, r); err != nil {
			t.Fatal(err)
		}
		again, err := DecodeBytes(buf.Bytes())
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		var buf2 bytes.Buffer
		if err := Encode(&buf2, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatal("encode(decode(encode(x))) differs from encode(x)")
		}
	})
}

// FuzzRun: any snapshot that decodes is audited without panic, every
// finding has an id and a status, and the plan only holds valid changes
// off the uplinks.
func FuzzRun(f *testing.F) {
	p := phonePort(2, "Gi1/0/2")
	p.Neighbors = append(p.Neighbors, lldpPhone("0c:38:3e:00:00:01", "Fanvil X4"))
	for _, s := range []*snapshot.Snapshot{
		site(newSwitch("sw1", uplinkPort(1, "Te1/1/1"), p, pcPort(3, "Gi1/0/3"))),
		site(snapshot.Switch{Target: "dead", Errors: []snapshot.Error{{Stage: "connect", Message: "timeout"}}}),
	} {
		var buf bytes.Buffer
		if err := snapshot.Encode(&buf, s); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte(`{"schema":"voxlan.snapshot/v1","switches":[{"target":"x","vlans":[{"id":-5,"voice":true}],"ports":[{"name":"","type":"","voiceVlan":99999,"taggedVlans":[0,0,0],"macs":[{"mac":"zz"}],"poe":{"class":-9},"neighbors":[{"chassisId":"SEP","capabilities":["telephone"]}]}]}]}`))
	prof := wte(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := snapshot.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		r := Run(snap, prof, Site{})
		ids := map[string]bool{}
		for _, fd := range r.Findings {
			if fd.ID == "" || fd.Status == "" || fd.Requirement == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
			if ids[fd.ID] {
				t.Fatalf("finding id %s twice", fd.ID)
			}
			ids[fd.ID] = true
		}
		uplinks := map[[2]string]bool{}
		for _, pr := range r.Ports {
			if pr.Role == RoleUplink {
				uplinks[[2]string{pr.Switch, pr.Port}] = true
			}
		}
		for _, sp := range BuildPlan(r).Switches {
			for _, c := range sp.Changes {
				if c.Port != "" && uplinks[[2]string{c.Switch, c.Port}] {
					t.Fatalf("plan touches uplink %s %s", c.Switch, c.Port)
				}
			}
		}
	})
}
