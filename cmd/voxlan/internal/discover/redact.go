package discover

import "fmt"

// Format prints o with the --community value replaced, for every verb, so
// that options which reach an error or a debug line never carry it.
func (o DiscoverOptions) Format(f fmt.State, verb rune) {
	type plain DiscoverOptions // the same fields without this method
	p := plain(o)
	if p.Community != "" {
		p.Community = "[redacted]"
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}
