package capture

import (
	"fmt"
	"net"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// adapters lists the host's adapters (GetAdaptersAddresses), each with its
// row of the interface table (GetIfEntry2Ex) when it has one.
func adapters() ([]adapter, error) {
	size := uint32(15 << 10)
	var buf []byte
	for {
		buf = make([]byte, size)
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, windows.GAA_FLAG_INCLUDE_ALL_INTERFACES, 0, (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])), &size)
		if err == nil {
			break
		}
		if err != windows.ERROR_BUFFER_OVERFLOW {
			return nil, fmt.Errorf("capture: listing adapters: %w", err)
		}
	}
	var out []adapter
	for a := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])); a != nil; a = a.Next {
		ad := adapter{
			Name:        windows.UTF16PtrToString(a.FriendlyName),
			Description: windows.UTF16PtrToString(a.Description),
			Device:      `\Device\NPF_` + windows.BytePtrToString(a.AdapterName),
			IfType:      a.IfType,
			OperStatus:  a.OperStatus,
		}
		if n := a.PhysicalAddressLength; n > 0 && n <= uint32(len(a.PhysicalAddress)) {
			ad.MAC = net.HardwareAddr(append([]byte(nil), a.PhysicalAddress[:n]...))
		}
		row := windows.MibIfRow2{InterfaceLuid: a.Luid}
		if windows.GetIfEntry2Ex(windows.MibIfEntryNormalWithoutStatistics, &row) == nil {
			ad.Row = true
			ad.AdminStatus, ad.MediaConnect, ad.PhysicalMedium = row.AdminStatus, row.MediaConnectState, row.PhysicalMediumType
			ad.StatusFlags, ad.RxSpeedBps = row.InterfaceAndOperStatusFlags, row.ReceiveLinkSpeed
		}
		out = append(out, ad)
	}
	return out, nil
}

func listInterfaces() ([]Interface, error) {
	all, err := adapters()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, len(all))
	for i, a := range all {
		out[i] = windowsInterface(a)
	}
	return out, nil
}

// findAdapter finds ifname by friendly name (case-insensitive, as Windows
// compares them), Npcap device name or bare GUID.
func findAdapter(ifname string) (adapter, error) {
	all, err := adapters()
	if err != nil {
		return adapter{}, err
	}
	guid := strings.TrimPrefix(ifname, `\Device\NPF_`)
	for _, ad := range all {
		if strings.EqualFold(ad.Name, ifname) || strings.EqualFold(strings.TrimPrefix(ad.Device, `\Device\NPF_`), guid) {
			return ad, nil
		}
	}
	ifaces := make([]Interface, len(all))
	for i, a := range all {
		ifaces[i] = windowsInterface(a)
	}
	return adapter{}, fmt.Errorf("capture: no adapter named %q (Settings > Network shows the adapter names); seen: %s", ifname, seenList(ifaces))
}
