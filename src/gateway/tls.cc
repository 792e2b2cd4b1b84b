#include "gateway/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <boost/asio/ssl/context.hpp>
#include <cerrno>
#include <cstring>

namespace aigis::gateway {
namespace {

namespace ssl = boost::asio::ssl;

// ECDHE only (forward secrecy), AEAD only; the TLS 1.2 part of Mozilla's "intermediate" profile.
constexpr char kDefaultCiphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// The oldest OpenSSL error on this thread's queue as text, and the queue emptied (so a later
// failure does not report this one). OpenSSL's messages name the fault, never key bytes.
std::string SslError() {
  unsigned long e = ERR_get_error();
  std::string s;
  if (e) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    s = buf;
  } else {
    s = "unknown error";
  }
  ERR_clear_error();
  return s;
}

Status Readable(const std::string& what, const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return Status::IOError("gateway: tls." + what + " " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return Status::IOError("gateway: tls." + what + " " + path + ": not a regular file");
  return Status::Ok();
}

// Never prompts: an encrypted key would otherwise make OpenSSL ask on the terminal at start.
int NoPassphrase(char*, int, int, void*) { return -1; }

// Picks "http/1.1" when the client offers it; without it the handshake goes on without ALPN
// (clients that offer only h2 then fail at the HTTP layer, not with an alert).
int SelectAlpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
               unsigned int inlen, void*) {
  static const unsigned char kHttp11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* sel = nullptr;
  if (SSL_select_next_proto(&sel, outlen, kHttp11, sizeof kHttp11, in, inlen) ==
      OPENSSL_NPN_NEGOTIATED) {
    *out = sel;
    return SSL_TLSEXT_ERR_OK;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

Result<std::shared_ptr<ssl::context>> MakeServerTlsContext(const ServerTlsConfig& cfg) {
  AIGIS_RETURN_IF_ERROR(Readable("cert_file", cfg.cert_file));
  AIGIS_RETURN_IF_ERROR(Readable("key_file", cfg.key_file));
  if (!cfg.client_ca_file.empty())
    AIGIS_RETURN_IF_ERROR(Readable("client_ca_file", cfg.client_ca_file));
  struct stat st;
  if (::stat(cfg.key_file.c_str(), &st) == 0 && (st.st_mode & (S_IROTH | S_IWOTH)) &&
      !cfg.allow_world_readable_key)
    return Status::InvalidArgument("gateway: tls.key_file " + cfg.key_file +
                                   ": readable or writable by every user (chmod o-rw, or set "
                                   "tls.allow_world_readable_key)");
  ERR_clear_error();
  std::shared_ptr<ssl::context> ctx;
  try {
    ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("gateway: tls: ") + e.what());
  }
  SSL_CTX* c = ctx->native_handle();
  SSL_CTX_set_options(c, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                             SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_SINGLE_DH_USE |
                             SSL_OP_SINGLE_ECDH_USE);
  if (SSL_CTX_set_min_proto_version(c, cfg.min_version) != 1)
    return Status::InvalidArgument("gateway: tls.min_version: " + SslError());
  if (SSL_CTX_set_cipher_list(c, cfg.ciphers.empty() ? kDefaultCiphers : cfg.ciphers.c_str()) != 1)
    return Status::InvalidArgument("gateway: tls.ciphers: no usable cipher (" + SslError() + ")");
  if (!cfg.ciphersuites.empty() && SSL_CTX_set_ciphersuites(c, cfg.ciphersuites.c_str()) != 1)
    return Status::InvalidArgument("gateway: tls.ciphersuites: no usable suite (" + SslError() +
                                   ")");
  SSL_CTX_set_default_passwd_cb(c, NoPassphrase);
  if (SSL_CTX_use_certificate_chain_file(c, cfg.cert_file.c_str()) != 1)
    return Status::InvalidArgument("gateway: tls.cert_file " + cfg.cert_file +
                                   ": not a PEM certificate chain (" + SslError() + ")");
  if (SSL_CTX_use_PrivateKey_file(c, cfg.key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(c) != 1) {
    // OpenSSL checks the pair while loading the key; its reason tells a mismatch from a bad file.
    unsigned long e = ERR_peek_last_error();
    if (e == 0 ||
        (ERR_GET_LIB(e) == ERR_LIB_X509 && ERR_GET_REASON(e) == X509_R_KEY_VALUES_MISMATCH)) {
      ERR_clear_error();
      return Status::InvalidArgument("gateway: tls.key_file " + cfg.key_file +
                                     " does not match the certificate in " + cfg.cert_file);
    }
    return Status::InvalidArgument("gateway: tls.key_file " + cfg.key_file +
                                   ": not an unencrypted PEM private key (" + SslError() + ")");
  }
  if (!cfg.client_ca_file.empty()) {
    if (SSL_CTX_load_verify_locations(c, cfg.client_ca_file.c_str(), nullptr) != 1)
      return Status::InvalidArgument("gateway: tls.client_ca_file " + cfg.client_ca_file +
                                     ": not a PEM certificate bundle (" + SslError() + ")");
    // The CA names sent in the CertificateRequest, so clients pick the right certificate.
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(cfg.client_ca_file.c_str());
    if (!names)
      return Status::InvalidArgument("gateway: tls.client_ca_file " + cfg.client_ca_file +
                                     ": no CA certificate (" + SslError() + ")");
    SSL_CTX_set_client_CA_list(c, names);
    SSL_CTX_set_verify(c, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  }
  // Session resumption with client certificates needs an id context (else resumption fails).
  static const unsigned char kSid[] = "aigis-gateway";
  SSL_CTX_set_session_id_context(c, kSid, sizeof kSid - 1);
  SSL_CTX_set_alpn_select_cb(c, SelectAlpn, nullptr);
  ERR_clear_error();
  return ctx;
}

}  // namespace aigis::gateway
