package tui

import (
	"context"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/tui/common"
)

// HostJacks lists, through list (capture.Interfaces in the real program;
// tests inject recorded interfaces), the laptop's wired interfaces with
// carrier for the Here screen. None is common.ErrNoJack with what was
// seen; nil list is no search at all.
func HostJacks(list cmdutil.InterfacesFunc) common.InterfacesFunc {
	if list == nil {
		return nil
	}
	return func(context.Context) ([]common.WiredInterface, error) {
		all, err := list()
		if err != nil {
			return nil, err
		}
		jacks := capture.Jacks(all)
		if len(jacks) == 0 {
			return nil, noJack{capture.NoJackError(all)}
		}
		out := make([]common.WiredInterface, len(jacks))
		for i, j := range jacks {
			out[i] = common.WiredInterface{Name: j.Name, MAC: j.MAC.String(), SpeedMbps: j.SpeedMbps}
		}
		return out, nil
	}
}

// noJack is capture's error for no jack, which the Here screen tells
// from a failure to list (common.ErrNoJack).
type noJack struct{ error }

func (noJack) Is(target error) bool { return target == common.ErrNoJack }

// JackOn returns the listening and probing of o on whichever interface
// the Here screen finds or the technician picks.
func JackOn(o JackOptions) common.JackOnFunc {
	return func(iface string) (common.HereFunc, common.ProbeFunc, error) {
		o := o
		o.Interface = iface
		return JackDeps(o)
	}
}

// FindJack lets the Here screen find the jack through list when deps say
// nothing about one (no listening, no declared jack, no saved snapshot to
// replay): `voxlan` alone, or `voxlan tui` without --iface.
func FindJack(deps *common.Deps, o JackOptions, list common.InterfacesFunc) {
	if deps.Here != nil || deps.Jack != nil || deps.Snapshot != nil || deps.Interfaces != nil || list == nil {
		return
	}
	if o.Profile == "" {
		o.Profile = DefaultProfile
	}
	deps.Interfaces, deps.JackOn = list, JackOn(o)
	deps.TagsNote = capture.TagsHiddenNote(capture.TagsHidden)
}
