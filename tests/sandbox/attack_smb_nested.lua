-- Attack: change a table inside smb.
smb.areas[1] = "pwned"
