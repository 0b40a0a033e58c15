include "deep-b.ws"
