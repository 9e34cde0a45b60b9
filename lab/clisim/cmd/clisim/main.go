// Command clisim serves an emulated switch CLI on its standard input and
// output, for OpenSSH's ForceCommand in lab tests:
//
//	clisim -init -state FILE [-host SW1]   write a fresh 48-port IOS switch
//	clisim -state FILE                     one CLI session over FILE's device
//
// -os sb does the same for a Cisco SB/CBS350 switch, -os aoss for an
// Aruba/HPE AOS-S (ProCurve) switch, -os aoscx for an Aruba AOS-CX switch,
// -os comware for an HPE Comware switch, -os vrp for a Huawei VRP switch,
// -os os10 for a Dell OS10 switch, -os ale6 and -os ale8 for an
// Alcatel-Lucent Enterprise OmniSwitch on AOS 6 or AOS 8, -os junos for a
// Juniper EX on Junos ELS.
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
	osName := flag.String("os", "ios", "emulated OS: ios, sb (Cisco SB/CBS), aoss (Aruba AOS-S), aoscx (Aruba AOS-CX), comware (HPE Comware), vrp (Huawei VRP), os10 (Dell OS10), ale6 or ale8 (OmniSwitch AOS 6 or 8), junos (Juniper EX, Junos ELS)")
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

// emulator is one emulated OS: a fresh device and a session over a state
// file.
type emulator struct {
	fresh func(host string) interface{ SaveState(string) error }
	open  func(state string) (clisim.Shell, error)
}

var emulators = map[string]emulator{
	"ios": {func(h string) interface{ SaveState(string) error } { return clisim.NewIOS(h, 10, "198.18.1.2") },
		clisim.PersistentShell},
	"sb": {func(h string) interface{ SaveState(string) error } { return clisim.NewSB(h, 10, "198.18.1.2") },
		clisim.PersistentSBShell},
	"aoss": {func(h string) interface{ SaveState(string) error } { return clisim.NewAOSS(h, 10, "198.18.1.2") },
		clisim.PersistentAOSSShell},
	"aoscx": {func(h string) interface{ SaveState(string) error } { return clisim.NewAOSCX(h, 10, "198.18.1.2") },
		clisim.PersistentAOSCXShell},
	"junos": {func(h string) interface{ SaveState(string) error } { return clisim.NewJunos(h, 10, "198.18.1.2") },
		clisim.PersistentJunosShell},
	"comware": {func(h string) interface{ SaveState(string) error } { return clisim.NewComware(h, 10, "198.18.1.2") },
		clisim.PersistentComwareShell},
	"vrp": {func(h string) interface{ SaveState(string) error } { return clisim.NewVRP(h, 10, "198.18.1.2") },
		clisim.PersistentVRPShell},
	"os10": {func(h string) interface{ SaveState(string) error } { return clisim.NewOS10(h, 10, "198.18.1.2") },
		clisim.PersistentOS10Shell},
	"ale6": {func(h string) interface{ SaveState(string) error } {
		return clisim.NewOmniSwitch(6, h, 10, "198.18.1.2")
	},
		clisim.PersistentOmniShell},
	"ale8": {func(h string) interface{ SaveState(string) error } {
		return clisim.NewOmniSwitch(8, h, 10, "198.18.1.2")
	},
		clisim.PersistentOmniShell},
}

func run(state string, initState bool, host, osName string) error {
	if state == "" {
		return fmt.Errorf("-state is required")
	}
	emu, ok := emulators[osName]
	if !ok {
		return fmt.Errorf("-os %q: want ios, sb, aoss, aoscx, comware, vrp, os10, ale6, ale8 or junos", osName)
	}
	if initState {
		return emu.fresh(host).SaveState(state)
	}
	sh, err := emu.open(state)
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
