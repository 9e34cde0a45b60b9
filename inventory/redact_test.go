package inventory

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCredentialsFormatHidesSecrets(t *testing.T) {
	secrets := []string{"comm-Qa7-never-printed", "auth-Wd3-never-printed", "priv-Ek9-never-printed"}
	c := Credentials{Version: "3", Community: secrets[0], User: "voxlan", AuthProto: "SHA", AuthPass: secrets[1], PrivProto: "AES", PrivPass: secrets[2]}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10v"} {
		for _, arg := range []any{c, &c, struct{ C *Credentials }{&c}, []Credentials{c}} {
			got := fmt.Sprintf(verb, arg) + fmt.Errorf("snmp: %w: "+verb, errors.New("timeout"), arg).Error()
			for _, s := range secrets {
				if strings.Contains(got, s) {
					t.Errorf("Sprintf(%q, %T) leaks %s: %s", verb, arg, s, got)
				}
			}
		}
	}
	if got := fmt.Sprintf("%+v", c); !strings.Contains(got, "User:voxlan") || !strings.Contains(got, "AuthPass:"+redacted) {
		t.Errorf("%%+v = %s, want the user and a redacted authPass", got)
	}
	if got := fmt.Sprintf("%+v", Credentials{Version: "2c"}); strings.Contains(got, redacted) {
		t.Errorf("%%+v of credentials without secrets = %s, want no redaction marker", got)
	}
}
