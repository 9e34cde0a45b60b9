// Package cmdutil holds what every voxlan command shares: the factory of
// injected dependencies (streams, clock, environment), the exit codes and the
// errors that carry them.
package cmdutil

// MaxInputBytes bounds any JSON or text file a command reads whole (saved
// audits, plans, show outputs): far above real ones, far below what would
// exhaust memory. Snapshots, inventories and profiles have their own
// limits (snapshot.MaxBytes, inventory.MaxFileBytes, profile.MaxFileBytes).
const MaxInputBytes = 256 << 20

// Exit codes, the same for every command. Scripts rely on them.
const (
	// ExitOK: everything asked was done (all targets read, audit passed...).
	ExitOK = 0
	// ExitFailure: an unexpected failure (a bug, an I/O error writing output).
	ExitFailure = 1
	// ExitUsage: bad flags, arguments or input files; nothing was done.
	ExitUsage = 2
	// ExitPartial: some targets failed; what was read is still written.
	ExitPartial = 3
	// ExitFindings: the audit ran and found requirements not met.
	ExitFindings = 4
	// ExitCancelled: interrupted by the user (ctrl+c).
	ExitCancelled = 130
)
