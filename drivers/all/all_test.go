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

// TestIdentifySecondWave: real identities (the LibreNMS AOS-CX and Comware
// recordings' system groups, an AOS-CX show version) go to their driver and to no
// first-wave driver.
func TestIdentifySecondWave(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ oid, descr, want string }{
		{"1.3.6.1.4.1.47196.4.1.1.1.303", "Aruba JL727A 6200F 48G CL4 4SFP+370W Swch ML.10.07.0005", "aruba_aoscx"},
		{"1.3.6.1.4.1.25506.11.1.24", "HP Comware Platform Software, Software Version 5.20.99 Release 2222P08\nHP A5500-24G EI Switch with 2 Interface Slots\r\nCopyright (c) 2010-2017 Hewlett Packard Enterprise Development LP", "hp_comware"},
		// A VRP sysDescr as a real S6730 advertises it in LLDP (ntc-templates
		// huawei_vrp_display_lldp_neighbor1), under Huawei's arc.
		{"1.3.6.1.4.1.2011.2.23.534", "Huawei Switch S6730-S24X6Q\nHuawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170 (S6730 V200R022C00SPC500)\nCopyright (C) 2000-2022 HUAWEI TECH Co., Ltd.", "huawei_vrp"},
		// The system group of the OS6450 recording in snmp/testdata (AOS 6).
		{"1.3.6.1.4.1.6486.800.1.1.2.1.12.1.3", "Alcatel-Lucent OS6450-P24 6.7.2.191.R04 GA, March 20, 2018.", "ale_aos"},
		{"1.3.6.1.4.1.11.2.3.7.11.181", "HP J9772A 2530-48G-PoE+ Switch, revision YA.16.10.0009, ROM YA.15.20 (/ws/swbuildm/rel_yakima_qaoff/code/build/bom(swbuildm_rel_yakima_qaoff_rel_yakima))", "aruba_aoss"},
	} {
		if d, ok := r.Identify(c.oid, c.descr); !ok || d.Name() != c.want {
			t.Errorf("Identify(%s): got %v %v, want %s", c.oid, d, ok, c.want)
		}
	}
	if d, ok := r.IdentifyCLI("ArubaOS-CX\n(c) Copyright 2017-2022 Hewlett Packard Enterprise Development LP\nVersion      : FL.10.10.1020\n"); !ok || d.Name() != "aruba_aoscx" {
		t.Errorf("IdentifyCLI(AOS-CX show version): got %v %v", d, ok)
	}
}
