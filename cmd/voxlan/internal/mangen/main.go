// Command mangen writes voxlan's man pages (voxlan.1 and one page per
// command, voxlan-audit.1...) into a directory, for `make release`:
//
//	go run ./cmd/voxlan/internal/mangen DIR
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cli"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mangen DIR")
		os.Exit(2)
	}
	root := cli.NewCmdRoot(cmdutil.NewFactory())
	root.DisableAutoGenTag = true // pages of one release are alike, whenever built
	header := &doc.GenManHeader{Title: "VOXLAN", Section: "1", Source: "voxlan " + cmdutil.ReadBuildInfo().Version, Manual: "voxlan manual"}
	if err := os.MkdirAll(os.Args[1], 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
	if err := doc.GenManTree(root, header, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}
