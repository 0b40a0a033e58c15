var X = 1
include "_broken.ws"
