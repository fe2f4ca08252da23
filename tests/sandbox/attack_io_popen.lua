-- Attack: run a program through io.popen.
return io.popen("id"):read("a")
