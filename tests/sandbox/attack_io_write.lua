-- Attack: write a file.
io.output("/tmp/smb_sandbox_pwned"):write("pwned")
