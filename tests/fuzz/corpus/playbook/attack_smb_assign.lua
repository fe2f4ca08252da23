-- Attack: change a field of the smb table.
smb.name = "pwned"
