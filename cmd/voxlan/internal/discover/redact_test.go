package discover

import (
	"fmt"
	"strings"
	"testing"
)

func TestDiscoverOptionsFormatHidesCommunity(t *testing.T) {
	const community = "comm-Vb2-never-printed"
	o := DiscoverOptions{Targets: []string{"198.18.0.2"}, Community: community, SNMPVersion: "2c"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, arg := range []any{o, &o} {
			if got := fmt.Sprintf(verb, arg); strings.Contains(got, community) {
				t.Errorf("Sprintf(%q, %T) leaks the community: %s", verb, arg, got)
			}
		}
	}
	if got := fmt.Sprintf("%+v", o); !strings.Contains(got, "198.18.0.2") || !strings.Contains(got, "Community:[redacted]") {
		t.Errorf("%%+v = %s, want the target and a redacted community", got)
	}
}
