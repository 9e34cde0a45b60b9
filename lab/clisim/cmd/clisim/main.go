// Command clisim serves an emulated switch CLI on its standard input and
// output, for OpenSSH's ForceCommand in lab tests:
//
//	clisim -init -state FILE [-host SW1]   write a fresh 48-port IOS switch
//	clisim -state FILE                     one CLI session over FILE's device
//
// -os sb does the same for a Cisco SB/CBS350 switch.
//
// With a terminal (ssh -t, or scrapligo, which asks for a pty) the terminal
// is put in raw mode and the emulator echoes and pages like the switch.
// SSH_ORIGINAL_COMMAND (ssh host 'show version') runs that one command.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/voxlan/voxlan/lab/clisim"
)

func main() {
	state := flag.String("state", "", "device state `FILE`")
	initState := flag.Bool("init", false, "write a fresh device to -state and exit")
	host := flag.String("host", "SW1", "hostname for -init")
	osName := flag.String("os", "ios", "emulated OS: ios or sb (Cisco SB/CBS)")
	logFile := flag.String("log", "", "append errors to `FILE` (sshd hands stderr to the client, which may ignore it)")
	flag.Parse()
	if err := run(*state, *initState, *host, *osName); err != nil {
		fmt.Fprintln(os.Stderr, "clisim:", err)
		if *logFile != "" {
			if f, ferr := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); ferr == nil {
				fmt.Fprintln(f, "clisim:", err)
				f.Close()
			}
		}
		os.Exit(1)
	}
}

func run(state string, initState bool, host, osName string) error {
	if state == "" {
		return fmt.Errorf("-state is required")
	}
	if osName != "ios" && osName != "sb" {
		return fmt.Errorf("-os %q: want ios or sb", osName)
	}
	if initState && osName == "sb" {
		return clisim.NewSB(host, 10, "198.18.1.2").SaveState(state)
	}
	if initState {
		return clisim.NewIOS(host, 10, "198.18.1.2").SaveState(state)
	}
	open := clisim.PersistentShell
	if osName == "sb" {
		open = clisim.PersistentSBShell
	}
	sh, err := open(state)
	if err != nil {
		return err
	}
	if cmd := os.Getenv("SSH_ORIGINAL_COMMAND"); cmd != "" {
		out, _ := sh.Exec(cmd)
		_, err := io.WriteString(os.Stdout, out)
		return err
	}
	in := int(os.Stdin.Fd())
	if term.IsTerminal(in) {
		old, err := term.MakeRaw(in)
		if err != nil {
			return err
		}
		defer term.Restore(in, old) //nolint:errcheck
	}
	rw := struct {
		io.Reader
		io.Writer
	}{os.Stdin, os.Stdout}
	err = clisim.Serve(context.Background(), rw, sh, true)
	if err == clisim.ErrDropped {
		// A dropped session: exit without a word, the connection closes.
		return nil
	}
	return err
}
