package inventory

// keyringStoreHint is the command that stores a voxlan entry in the Credential Manager (go-keyring names the entry service:user).
const keyringStoreHint = "cmdkey /generic:voxlan:ENTRY /user:ENTRY /pass"
