-- Attack: run a file from anywhere.
dofile("/etc/passwd")
