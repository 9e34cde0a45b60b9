//go:build !linux && !windows && !darwin

package capture

// listInterfaces: nothing is captured live here, so no interface is a
// jack; the error says what was seen.
func listInterfaces() ([]Interface, error) {
	return nil, ErrNotSupported
}
