var INNER = inner
