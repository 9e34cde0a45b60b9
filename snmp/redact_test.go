package snmp

import (
	"fmt"
	"strings"
	"testing"
)

func TestCredentialsNeverFormatSecrets(t *testing.T) {
	c := Credentials{Version: "3", Community: "c0mmunity-secret", User: "audit", AuthProto: "SHA",
		AuthPass: "auth-secret-123", PrivProto: "AES", PrivPass: "priv-secret-456"}
	values := map[string]any{
		"credentials": c,
		"pointer":     &c,
		"options":     Options{Credentials: c},
		"target":      Target{Address: "198.18.0.1", Credentials: &c},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			out := fmt.Sprintf(verb, v)
			for _, secret := range []string{"c0mmunity-secret", "auth-secret-123", "priv-secret-456"} {
				if strings.Contains(out, secret) {
					t.Errorf("%s with %s: got %q, which holds a secret", name, verb, out)
				}
			}
		}
	}
	if out := fmt.Sprintf("%+v", c); !strings.Contains(out, "User:audit") || !strings.Contains(out, "[redacted]") {
		t.Errorf("got %q, want the user shown and the secrets marked [redacted]", out)
	}
	if out := fmt.Sprintf("%+v", Credentials{User: "audit"}); strings.Contains(out, "[redacted]") {
		t.Errorf("got %q, want empty secrets left empty", out)
	}
}
