-- Attack: run a program through os.execute.
os.execute("touch /tmp/smb_sandbox_pwned")
