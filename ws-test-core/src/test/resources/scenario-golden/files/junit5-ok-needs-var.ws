server echo
connect ${server.url}
send text "${GREETING}"
expect text "${GREETING}"
