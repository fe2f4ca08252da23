-- Attack: read a global another playbook set.
return SECRET:upper()
