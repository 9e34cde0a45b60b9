package inventory

import "fmt"

// redacted stands in for a secret wherever Credentials are formatted.
const redacted = "[redacted]"

// Format prints c with Community, AuthPass and PrivPass replaced, for every
// verb (%v, %+v, %#v, %s, %d...), so resolved credentials that reach an
// error or a log line through fmt never carry a secret. An empty secret
// stays empty: whether one was given is useful to know, its value never is.
func (c Credentials) Format(f fmt.State, verb rune) {
	type plain Credentials // the same fields without this method
	p := plain(c)
	for _, s := range []*string{&p.Community, &p.AuthPass, &p.PrivPass} {
		if *s != "" {
			*s = redacted
		}
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}
