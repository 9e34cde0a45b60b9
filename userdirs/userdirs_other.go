//go:build !darwin && !windows

package userdirs

// current is the layout of the OS this binary runs on.
var current = Linux
