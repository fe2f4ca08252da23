-- Attack: read /etc/passwd line by line.
for line in io.lines("/etc/passwd") do print(line) end
