send text "${OUTER}"
