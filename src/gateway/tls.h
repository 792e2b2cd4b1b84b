// TLS termination for the gateway's listening socket (docs/gateway.md "TLS"): builds the OpenSSL
// server context from `gateway.tls` with secure defaults (TLS >= 1.2, no compression, no
// renegotiation, server cipher order, ALPN http/1.1, optional client-certificate verification).
// Built with the Runtime at start and again on each reload (SIGHUP), so new connections get the
// new certificate while existing ones keep the context they began with. A built context is
// immutable and may be shared by all threads. Errors name the file and the fault, never key bytes.
#pragma once

#include <memory>

#include "core/status.h"
#include "gateway/config.h"

namespace boost::asio::ssl {
class context;
}

namespace aigis::gateway {

// Loads the certificate chain and key, checks that they match, applies the version, cipher and
// client-CA settings. REQUIRES: cfg.enabled().
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const ServerTlsConfig& cfg);

}  // namespace aigis::gateway
