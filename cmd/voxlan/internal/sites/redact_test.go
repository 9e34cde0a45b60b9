package sites

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestTargetFormatHidesSecrets(t *testing.T) {
	const pw, en = "pw-Hj4-never-printed", "en-Lm6-never-printed"
	tg := Target{Switch: "sw1", Addr: "198.18.0.2:22", User: "admin", secret: pw, enable: en}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, arg := range []any{tg, &tg, []*Target{&tg}, []Target{tg}} {
			got := fmt.Sprintf(verb, arg) + fmt.Errorf("plan: %w: "+verb, errors.New("refused"), arg).Error()
			if strings.Contains(got, pw) || strings.Contains(got, en) {
				t.Errorf("Sprintf(%q, %T) leaks a secret: %s", verb, arg, got)
			}
		}
	}
	if got := fmt.Sprintf("%+v", tg); !strings.Contains(got, "Switch:sw1") || !strings.Contains(got, "secret:"+redacted) {
		t.Errorf("%%+v = %s, want the switch and a redacted secret", got)
	}
}
