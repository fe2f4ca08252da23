-- Attack: require an absolute path.
require "/etc/passwd"
