-- Attack: change the smb table with rawset.
rawset(smb, "name", "pwned")
