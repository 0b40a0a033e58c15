# comment
include "../deep-a.ws"
