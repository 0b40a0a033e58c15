include "self.ws"
