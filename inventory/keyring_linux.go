package inventory

// keyringStoreHint is the command that stores a voxlan entry in the Secret Service (GNOME Keyring, KWallet).
const keyringStoreHint = "secret-tool store --label=voxlan service voxlan username ENTRY"
