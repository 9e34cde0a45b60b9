package inventory

// keyringStoreHint is the command that stores a voxlan entry in the login Keychain.
const keyringStoreHint = "security add-generic-password -s voxlan -a ENTRY -w"
