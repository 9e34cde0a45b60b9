package ssh

import "fmt"

// redacted stands in for a secret wherever Options is formatted.
const redacted = "[redacted]"

// Format prints o with Password and Enable replaced, for every verb (%v,
// %+v, %#v, %s, %d...), so that an Options that reaches an error or a log
// line through fmt never carries a secret. An empty secret stays empty:
// whether one was given is useful to know, its value never is.
func (o Options) Format(f fmt.State, verb rune) {
	type plain Options // the same fields without this method
	p := plain(o)
	if p.Password != "" {
		p.Password = redacted
	}
	if p.Enable != "" {
		p.Enable = redacted
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}
