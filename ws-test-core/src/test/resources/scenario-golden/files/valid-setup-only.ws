var A = 1
setup
server echo
