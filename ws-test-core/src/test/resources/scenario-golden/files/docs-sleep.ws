sleep 1500ms
