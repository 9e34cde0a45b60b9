package drivers

// medApplications maps the LLDP-MED application keywords CLIs write (Cisco
// SB `lldp med network-policy N voice-signaling ...`, OS10 `... app
// voice-signaling ...`) to the snapshot's words.
var medApplications = [][2]string{
	{"voice", "voice"}, {"voice-signaling", "voiceSignaling"}, {"guest-voice", "guestVoice"},
	{"guest-voice-signaling", "guestVoiceSignaling"}, {"softphone-voice", "softphoneVoice"},
	{"video-conferencing", "videoConferencing"}, {"streaming-video", "streamingVideo"},
	{"video-signaling", "videoSignaling"},
}

// MEDAppWord is the snapshot word of a CLI's LLDP-MED application keyword,
// "" when unknown.
func MEDAppWord(keyword string) string {
	for _, a := range medApplications {
		if a[0] == keyword {
			return a[1]
		}
	}
	return ""
}

// MEDAppKeyword is the CLI keyword of a snapshot LLDP-MED application
// word, "" when unknown.
func MEDAppKeyword(word string) string {
	for _, a := range medApplications {
		if a[1] == word {
			return a[0]
		}
	}
	return ""
}
