include "_include-inner.ws"
var NESTED = nested-${INNER}
