package sites

import "fmt"

// redacted stands in for a secret wherever a Target is formatted.
const redacted = "[redacted]"

// Format prints t with its SSH password and enable secret replaced, for
// every verb (%v, %+v, %#v, %s...): fmt prints unexported fields too, so a
// Target that reaches an error or a log line would otherwise carry them.
func (t Target) Format(f fmt.State, verb rune) {
	type plain Target // the same fields without this method
	p := plain(t)
	if p.secret != "" {
		p.secret = redacted
	}
	if p.enable != "" {
		p.enable = redacted
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}
