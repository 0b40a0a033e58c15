var B = 1
include "cycle-a.ws"
