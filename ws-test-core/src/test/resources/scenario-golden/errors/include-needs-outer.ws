include "_needs-outer.ws"
