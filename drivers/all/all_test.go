package all

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/voxlan/voxlan/drivers"
)

func TestRegistry(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range r.Names() {
		d, err := r.Lookup(name)
		if err != nil || d.Name() != name {
			t.Fatalf("Lookup(%q) = %v, %v", name, d, err)
		}
		if st, err := os.Stat(filepath.Join("..", name, "testdata")); err != nil || !st.IsDir() {
			t.Errorf("driver %s has no testdata/ directory beside it", name)
		}
		a := d.Attrs()
		if (a.ScrapliPlatform == "") == (a.PlatformYAML == nil) {
			t.Errorf("driver %s: set exactly one of ScrapliPlatform and PlatformYAML", name)
		}
		if a.LinePrompt == nil || len(a.ErrorMarkers) == 0 || a.ConfigCommand == "" {
			t.Errorf("driver %s: incomplete attrs %+v", name, a)
		}
	}
	if err := r.Register(must(r.Lookup(r.Names()[0]))); err == nil {
		t.Error("registering a name twice succeeded")
	}
	if _, err := r.Lookup("nope"); !errors.Is(err, drivers.ErrUnknownPlatform) {
		t.Errorf("got %v, want ErrUnknownPlatform", err)
	}
	if d, ok := r.IdentifyCLI("Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8"); !ok || d.Name() != "cisco_ios" {
		t.Errorf("IdentifyCLI: got %v %v, want cisco_ios", d, ok)
	}
}

func must(d drivers.Driver, err error) drivers.Driver {
	if err != nil {
		panic(err)
	}
	return d
}
