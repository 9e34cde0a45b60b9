package strictyaml

import (
	"strings"
	"testing"
)

type secret struct {
	Env string `yaml:"env"`
}

func (secret) ScalarHint(key string) string { return key + " must be a reference" }

type doc struct {
	Name    string          `yaml:"name" check:"required"`
	On      bool            `yaml:"on"`
	Ratio   float64         `yaml:"ratio"`
	Count   uint16          `yaml:"count"`
	Watts   map[int]float64 `yaml:"watts"`
	Opt     *secret         `yaml:"opt"`
	Items   []item          `yaml:"items"`
	Skipped string          `yaml:"-"`
}

type item struct {
	ID int `yaml:"id" check:"required"`
}

func TestDecode(t *testing.T) {
	var d doc
	pos, err := Decode("d.yaml", []byte("name: x\non: true\nratio: 1\ncount: 3\nwatts: {2: 7.0}\nopt: {env: A}\nitems:\n  - id: 1\n  - id: 2\n"), &d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "x" || !d.On || d.Ratio != 1 || d.Count != 3 || d.Watts[2] != 7 || d.Opt.Env != "A" || len(d.Items) != 2 {
		t.Errorf("got %+v", d)
	}
	if p := pos.Pos("items[1].id"); p != (Pos{Line: 9, Column: 5}) {
		t.Errorf("position of items[1].id: got %+v", p)
	}
	if p := pos.Pos("items[1].nothing"); p != (Pos{Line: 9, Column: 5}) {
		t.Errorf("position falls back to the parent: got %+v", p)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		yaml, want string
	}{
		{"name: x\non: yes please\n", `d.yaml:2:5: "on" must be true or false, not "yes please"`},
		{"name: x\nratio: lots\n", `d.yaml:2:8: "ratio" must be a number, not "lots"`},
		{"name: x\ncount: -1\n", `d.yaml:2:8: "count" cannot be negative`},
		{"name: x\nwatts: {two: 7}\n", `d.yaml:2:9: key "two" of "watts" must be a whole number`},
		{"name: x\nopt: plain\n", `d.yaml:2:6: opt must be a reference`},
		{"name: x\nopt: null\n", ""},
		{"name: [a]\n", `d.yaml:1:7: "name" must be a text value, not a list`},
		{"name: x\nitems:\n  - {}\n", `d.yaml:3:5: "id" is missing here; add a line "id: ..."`},
		{"name: &n x\nSkipped: *n\n", `d.yaml:2:1: unknown key "Skipped"; valid keys here: count, items, name, on, opt, ratio, watts`},
		{"- a\n", `d.yaml:1:1: the file is not a YAML mapping (key: value lines) but a list; is this the right file?`},
		{"s3cret\n", `d.yaml:1:1: the file is not a YAML mapping (key: value lines) but one text value of 6 characters; is this the right file?`},
		{"name: x\nitems: *a\n", `d.yaml: not valid YAML: unknown anchor 'a' referenced`},
		{"zz: 1\nname: x\naa: 2\n", "d.yaml:1:1: unknown key \"zz\"; valid keys here: count, items, name, on, opt, ratio, watts\nd.yaml:3:1: unknown key \"aa\"; valid keys here: count, items, name, on, opt, ratio, watts"},
	} {
		var d doc
		_, err := Decode("d.yaml", []byte(tc.yaml), &d, Options{})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tc.want) || (tc.want == "" && got != "") {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.yaml, got, tc.want)
		}
	}
}
