server echo
  include "nope.ws"
