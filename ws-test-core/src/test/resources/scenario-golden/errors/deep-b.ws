include "sub/deep-c.ws"
