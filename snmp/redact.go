package snmp

import "fmt"

// Format prints c with the community and the v3 passphrases replaced, for
// every verb, so credentials that reach an error, an event or a debug line
// (directly or inside Options or a Target) never carry a secret. An empty
// secret stays empty, so a reader still sees whether one was given.
func (c Credentials) Format(f fmt.State, verb rune) {
	type plain Credentials // the same fields without this method
	p := plain(c)
	for _, s := range []*string{&p.Community, &p.AuthPass, &p.PrivPass} {
		if *s != "" {
			*s = "[redacted]"
		}
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}
