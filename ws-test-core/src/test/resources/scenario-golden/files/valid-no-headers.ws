connect ws://127.0.0.1:1/
send text "a file without scenario lines is one scenario named after the file"
