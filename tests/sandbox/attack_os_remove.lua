-- Attack: delete a file.
os.remove("/tmp/smb_sandbox_victim")
