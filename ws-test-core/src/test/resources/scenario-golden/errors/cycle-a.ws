include "cycle-b.ws"
