var A = 1
include "sub"
