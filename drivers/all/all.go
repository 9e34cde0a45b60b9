// Package all is the one list of voxlan's drivers. A new OS is a package
// under drivers/ and one line here.
package all

import (
	"github.com/voxlan/voxlan/drivers"
	"github.com/voxlan/voxlan/drivers/ale_aos"
	"github.com/voxlan/voxlan/drivers/aruba_aoscx"
	"github.com/voxlan/voxlan/drivers/aruba_aoss"
	"github.com/voxlan/voxlan/drivers/cisco_ios"
	"github.com/voxlan/voxlan/drivers/cisco_sb"
	"github.com/voxlan/voxlan/drivers/dell_os10"
	"github.com/voxlan/voxlan/drivers/hp_comware"
	"github.com/voxlan/voxlan/drivers/huawei_vrp"
	"github.com/voxlan/voxlan/drivers/juniper_junos"
)

// New returns a registry holding every driver.
func New() (*drivers.Registry, error) {
	r := drivers.NewRegistry()
	for _, register := range []func(*drivers.Registry) error{
		cisco_ios.Register,
		cisco_sb.Register,
		aruba_aoss.Register,
		aruba_aoscx.Register,
		hp_comware.Register,
		huawei_vrp.Register,
		juniper_junos.Register,
		dell_os10.Register,
		ale_aos.Register,
	} {
		if err := register(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}
