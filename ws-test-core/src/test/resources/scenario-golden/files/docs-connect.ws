connect ${BASE}/chat as alice header "Authorization: Bearer ${TOKEN}" subprotocol chat.v2 timeout 3s
connect wss://localhost:8443/secure trust "certs/test-ca.pem"
connect ${BASE}/feed as feed max-message-size 16MiB
connect ${BASE}/legacy as legacy lenient
