connect ws://127.0.0.1:1/ as a header "Authorization: Bearer abc123" header "X-Api-Key: k\"y" header "X-Trace: visible"
connect ws://127.0.0.1:1/ as b header "Authorization: Bearer ${TOKEN}" header "Cookie: session=${TOKEN}; x=1"
connect ws://127.0.0.1:1/ as c header "Authorization: Basic" header "Set-Cookie: ${TOKEN}" header "X-Session-Id: s"
connect ws://127.0.0.1:1/ as d header "authorization: bearer lowercase" # comment
