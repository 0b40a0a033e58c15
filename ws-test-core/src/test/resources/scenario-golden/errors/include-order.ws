var OUTER = 1
connect ws://127.0.0.1:1/
include "_needs-outer.ws"
send text "${IN_INCLUDED}"
