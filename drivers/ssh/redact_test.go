package ssh

import (
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"
)

func TestOptionsFormatHidesSecrets(t *testing.T) {
	const pw, en = "pw-Xq81-never-printed", "en-Zr52-never-printed"
	o := Options{Addr: "198.18.0.2:22", User: "admin", Password: pw, Enable: en}
	var logged strings.Builder
	l := log.New(&logged, "", 0)
	l.Printf("open %v", o)
	l.Printf("open %+v", &o)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10v"} {
		for _, arg := range []any{o, &o, struct{ O Options }{o}, []Options{o}} {
			got := fmt.Sprintf(verb, arg) + fmt.Errorf("dial: %w: "+verb, errors.New("refused"), arg).Error()
			if strings.Contains(got, pw) || strings.Contains(got, en) {
				t.Errorf("Sprintf(%q, %T) leaks a secret: %s", verb, arg, got)
			}
		}
	}
	if s := logged.String(); strings.Contains(s, pw) || strings.Contains(s, en) {
		t.Errorf("log line leaks a secret: %s", s)
	}
	// Still useful: the rest is printed, and a given secret shows as given.
	if got := fmt.Sprintf("%+v", o); !strings.Contains(got, "Addr:198.18.0.2:22") || !strings.Contains(got, "User:admin") || !strings.Contains(got, "Password:"+redacted) {
		t.Errorf("%%+v = %s, want the address, user and a redacted password", got)
	}
	if got := fmt.Sprintf("%+v", Options{User: "admin"}); strings.Contains(got, redacted) {
		t.Errorf("%%+v of options without secrets = %s, want no redaction marker", got)
	}
}
