// Command voxlan gets a site's LAN ready for IP phones: it discovers the
// switches, audits them against the voice prerequisites, pushes the fix and
// writes the pre-activation report.
package main

import (
	"os"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
