-- wrk -s post.lua: POSTs the DER OCSP request in $OCSP_REQUEST (a file) to the URL.
local f = assert(io.open(os.getenv("OCSP_REQUEST"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/ocsp-request"
