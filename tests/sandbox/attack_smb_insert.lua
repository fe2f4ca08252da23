-- Attack: grow a list inside smb through table.insert.
table.insert(smb.areas, "pwned")
