#include "sign/bundle.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sign/encoding.h"

namespace aigis::sign {
namespace {

using Json = nlohmann::json;

// nlohmann's parser recurses per nesting level: measure the depth first without recursion.
Status CheckJsonDepth(ByteView data, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  bool escape = false;
  for (size_t i = 0; i < data.size(); ++i) {
    uint8_t c = data[i];
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        return Status::LimitExceeded(i, "json: nesting deeper than " + std::to_string(max_depth));
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return Status::Ok();
}

Result<Json> ParseJson(ByteView data, const OmsLimits& limits, const char* what) {
  if (data.size() > limits.max_bundle_bytes) {
    return Status::LimitExceeded(std::string(what) + ": larger than " +
                                 std::to_string(limits.max_bundle_bytes) + " bytes");
  }
  AIGIS_RETURN_IF_ERROR(CheckJsonDepth(data, limits.max_json_depth));
  Json j = Json::parse(data.begin(), data.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::Malformed(std::string(what) + ": not valid JSON" +
                             (data.empty() ? " (empty file)" : ""));
  }
  if (!j.is_object()) return Status::Malformed(std::string(what) + ": not a JSON object");
  return j;
}

// protobuf JSON accepts the lowerCamelCase name and the original snake_case one.
const Json* Field(const Json& obj, const char* camel, const char* snake = nullptr) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(camel);
  if (it != obj.end() && !it->is_null()) return &*it;
  if (snake != nullptr) {
    it = obj.find(snake);
    if (it != obj.end() && !it->is_null()) return &*it;
  }
  return nullptr;
}

Result<std::string> StringField(const Json& obj, const char* camel, const char* snake,
                                const std::string& where) {
  const Json* f = Field(obj, camel, snake);
  if (f == nullptr) return Status::Malformed(where + ": missing '" + camel + "'");
  if (!f->is_string()) return Status::Malformed(where + ": '" + camel + "' is not a string");
  return f->get_ref<const std::string&>();
}

Result<std::vector<uint8_t>> Base64Field(const Json& obj, const char* camel, const char* snake,
                                         const std::string& where) {
  AIGIS_ASSIGN_OR_RETURN(std::string s, StringField(obj, camel, snake, where));
  auto bytes = Base64Decode(s);
  if (!bytes.ok()) {
    return Status::Malformed(where + ": '" + camel + "': " + bytes.status().message());
  }
  return std::move(bytes).value();
}

Status ParseMaterial(const Json& vm, const OmsLimits& limits, Bundle& b) {
  const Json* tlog = Field(vm, "tlogEntries", "tlog_entries");
  if (tlog != nullptr) {
    if (!tlog->is_array()) return Status::Malformed("bundle: tlogEntries is not an array");
    b.tlog_entries = tlog->size();
  }
  if (const Json* pk = Field(vm, "publicKey", "public_key")) {
    if (!pk->is_object()) return Status::Malformed("bundle: publicKey is not an object");
    b.method = BundleMethod::kPublicKey;
    if (const Json* hint = Field(*pk, "hint")) {
      if (!hint->is_string()) return Status::Malformed("bundle: publicKey.hint is not a string");
      b.key_hint = hint->get<std::string>();
    }
    return Status::Ok();
  }
  if (const Json* chain = Field(vm, "x509CertificateChain", "x509_certificate_chain")) {
    b.method = BundleMethod::kCertificateChain;
    const Json* certs = Field(*chain, "certificates");
    if (certs == nullptr || !certs->is_array() || certs->empty()) {
      return Status::Malformed("bundle: x509CertificateChain has no certificates");
    }
    if (certs->size() > limits.max_certificates) {
      return Status::LimitExceeded("bundle: more than " + std::to_string(limits.max_certificates) +
                                   " certificates");
    }
    for (size_t i = 0; i < certs->size(); ++i) {
      AIGIS_ASSIGN_OR_RETURN(auto der, Base64Field((*certs)[i], "rawBytes", "raw_bytes",
                                                   "bundle: certificate " + std::to_string(i)));
      b.certificates.push_back(std::move(der));
    }
    return Status::Ok();
  }
  if (const Json* cert = Field(vm, "certificate")) {
    b.method = BundleMethod::kSigstore;
    AIGIS_ASSIGN_OR_RETURN(auto der,
                           Base64Field(*cert, "rawBytes", "raw_bytes", "bundle: certificate"));
    b.certificates.push_back(std::move(der));
    // A keyless (Fulcio) certificate is short-lived: without a transparency-log entry proving the
    // signing time nothing can be verified (spec invalid/missing-tlog-entries).
    if (b.tlog_entries == 0) {
      return Status::Malformed(
          "bundle: sigstore certificate without transparency-log entries (tlogEntries)");
    }
    return Status::Ok();
  }
  return Status::Malformed(
      "bundle: verificationMaterial has no publicKey, x509CertificateChain or certificate");
}

// Python's repr() of a bytes object, as model_signing 0.2 put into its PAE.
std::string PythonBytesRepr(ByteView data) {
  bool has_single = false;
  bool has_double = false;
  for (uint8_t c : data) {
    has_single |= c == '\'';
    has_double |= c == '"';
  }
  char quote = (has_single && !has_double) ? '"' : '\'';
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "b";
  out.push_back(quote);
  for (uint8_t c : data) {
    if (c == '\\' || c == static_cast<uint8_t>(quote)) {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  return out;
}

// "sha256", "blake2b", "blake2", or the reference's sharded spelling "sha256-sharded-1000000000".
Result<HashAlgorithm> ParseResourceAlgorithm(std::string_view name) {
  size_t pos = name.find("-sharded-");
  if (pos != std::string_view::npos) name = name.substr(0, pos);
  return ParseHashAlgorithm(name);
}

Status ParseSerialization(const Json& ser, Statement& st) {
  if (!ser.is_object()) return Status::Malformed("statement: serialization is not an object");
  st.has_serialization = true;
  const Json* method = Field(ser, "method");
  if (method == nullptr || !method->is_string()) {
    return Status::Malformed("statement: serialization.method missing");
  }
  const std::string& m = method->get_ref<const std::string&>();
  if (m == "files") {
    st.method = SerializationMethod::kFiles;
  } else if (m == "shards") {
    st.method = SerializationMethod::kShards;
  } else {
    return Status::Unsupported("statement: serialization method '" + m + "'");
  }
  const Json* hash = Field(ser, "hash_type", "hashType");
  if (hash == nullptr || !hash->is_string()) {
    return Status::Malformed("statement: serialization.hash_type missing");
  }
  AIGIS_ASSIGN_OR_RETURN(st.hash, ParseHashAlgorithm(hash->get_ref<const std::string&>()));
  if (const Json* sym = Field(ser, "allow_symlinks", "allowSymlinks")) {
    if (!sym->is_boolean()) return Status::Malformed("statement: allow_symlinks is not a boolean");
    st.allow_symlinks = sym->get<bool>();
  }
  if (const Json* ign = Field(ser, "ignore_paths", "ignorePaths")) {
    if (!ign->is_array()) return Status::Malformed("statement: ignore_paths is not an array");
    for (const auto& p : *ign) {
      if (!p.is_string()) return Status::Malformed("statement: ignore_paths entry not a string");
      auto norm = NormalizeRelativePath(p.get_ref<const std::string&>());
      // An absolute or '..' ignore path cannot match anything inside the model: skip it.
      if (norm.ok() && !norm->empty()) st.ignore_paths.push_back(std::move(norm).value());
    }
  }
  if (st.method == SerializationMethod::kShards) {
    const Json* ss = Field(ser, "shard_size", "shardSize");
    if (ss == nullptr) return Status::Malformed("statement: shards without shard_size");
    if (ss->is_number_unsigned()) {
      st.shard_size = ss->get<uint64_t>();
    } else if (ss->is_number_float()) {
      // The reference tool serialises shard_size through protobuf Struct: 1000000000.0.
      double d = ss->get<double>();
      if (!(d >= 1 && d <= 9.0e15) || std::floor(d) != d) {
        return Status::Malformed("statement: shard_size is not a positive integer");
      }
      st.shard_size = static_cast<uint64_t>(d);
    } else {
      return Status::Malformed("statement: shard_size is not a positive integer");
    }
    if (st.shard_size == 0) return Status::Malformed("statement: shard_size is 0");
  }
  return Status::Ok();
}

Result<std::vector<uint8_t>> HexDigestField(const Json& obj, const char* name,
                                            const std::string& where) {
  const Json* d = Field(obj, name);
  if (d == nullptr || !d->is_string()) return Status::Malformed(where + ": missing " + name);
  auto bytes = HexDecode(d->get_ref<const std::string&>());
  if (!bytes.ok() || bytes->empty()) return Status::Malformed(where + ": " + name + " is not hex");
  return std::move(bytes).value();
}

Result<Statement> ParseStatementJson(const Json& j, const OmsLimits& limits) {
  Statement st;
  const Json* type = Field(j, "_type");
  if (type == nullptr || !type->is_string()) return Status::Malformed("statement: missing _type");
  // v0.1 in-toto statements are also seen in old bundles; the layout we read is the same.
  const std::string& t = type->get_ref<const std::string&>();
  if (t != kStatementType && t != "https://in-toto.io/Statement/v0.1") {
    return Status::Malformed("statement: _type '" + t + "' is not an in-toto statement");
  }
  const Json* pt = Field(j, "predicateType", "predicate_type");
  if (pt == nullptr || !pt->is_string()) {
    return Status::Malformed("statement: missing predicateType");
  }
  st.predicate_type = pt->get<std::string>();
  const Json* subjects = Field(j, "subject");
  if (subjects == nullptr || !subjects->is_array() || subjects->empty()) {
    return Status::Malformed("statement: missing subject");
  }
  if (subjects->size() > limits.max_resources) {
    return Status::LimitExceeded("statement: more than " + std::to_string(limits.max_resources) +
                                 " subjects");
  }
  if (st.predicate_type == kPredicateTypeV01) {
    st.known_predicate = true;
    st.legacy_v01 = true;
    for (size_t i = 0; i < subjects->size(); ++i) {
      const Json& s = (*subjects)[i];
      std::string where = "statement: subject " + std::to_string(i);
      const Json* name = Field(s, "name");
      const Json* digest = Field(s, "digest");
      if (name == nullptr || !name->is_string() || digest == nullptr || !digest->is_object()) {
        return Status::Malformed(where + ": needs name and digest");
      }
      PredicateResource r;
      r.name = name->get<std::string>();
      r.algorithm = "sha256";
      AIGIS_ASSIGN_OR_RETURN(r.digest, HexDigestField(*digest, "sha256", where));
      st.resources.push_back(std::move(r));
    }
    return st;
  }
  if (subjects->size() != 1) return Status::Malformed("statement: expected exactly one subject");
  const Json& subj = (*subjects)[0];
  if (const Json* name = Field(subj, "name"); name != nullptr && name->is_string()) {
    st.subject_name = name->get<std::string>();
  }
  const Json* digest = Field(subj, "digest");
  if (digest == nullptr || !digest->is_object()) {
    return Status::Malformed("statement: subject has no digest");
  }
  AIGIS_ASSIGN_OR_RETURN(st.subject_digest,
                         HexDigestField(*digest, "sha256", "statement: subject"));
  if (st.predicate_type != kPredicateTypeV1) return st;  // the verifier reports it
  st.known_predicate = true;
  const Json* pred = Field(j, "predicate");
  if (pred == nullptr || !pred->is_object()) return Status::Malformed("statement: no predicate");
  const Json* ser = Field(*pred, "serialization");
  if (ser == nullptr) return Status::Malformed("statement: predicate has no serialization");
  AIGIS_RETURN_IF_ERROR(ParseSerialization(*ser, st));
  const Json* res = Field(*pred, "resources");
  if (res == nullptr || !res->is_array()) {
    return Status::Malformed("statement: predicate has no resources array");
  }
  if (res->size() > limits.max_resources) {
    return Status::LimitExceeded("statement: more than " + std::to_string(limits.max_resources) +
                                 " resources");
  }
  st.resources.reserve(res->size());
  for (size_t i = 0; i < res->size(); ++i) {
    const Json& r = (*res)[i];
    std::string where = "statement: resource " + std::to_string(i);
    PredicateResource pr;
    const Json* name = Field(r, "name");
    if (name == nullptr || !name->is_string() || name->get_ref<const std::string&>().empty()) {
      return Status::Malformed(where + ": missing name");
    }
    pr.name = name->get<std::string>();
    if (pr.name.size() > limits.max_name_bytes) {
      return Status::LimitExceeded(where + ": name longer than " +
                                   std::to_string(limits.max_name_bytes));
    }
    const Json* alg = Field(r, "algorithm");
    if (alg == nullptr || !alg->is_string())
      return Status::Malformed(where + ": missing algorithm");
    pr.algorithm = alg->get<std::string>();
    AIGIS_ASSIGN_OR_RETURN(HashAlgorithm a, ParseResourceAlgorithm(pr.algorithm));
    if (a != st.hash) {
      return Status::Malformed(where + ": algorithm '" + pr.algorithm +
                               "' differs from serialization.hash_type");
    }
    AIGIS_ASSIGN_OR_RETURN(pr.digest, HexDigestField(r, "digest", where));
    if (pr.digest.size() != DigestSize(a)) {
      return Status::Malformed(where + ": digest has " + std::to_string(pr.digest.size()) +
                               " bytes, " + std::string(HashAlgorithmName(a)) + " has " +
                               std::to_string(DigestSize(a)));
    }
    st.resources.push_back(std::move(pr));
  }
  return st;
}

}  // namespace

std::string_view BundleMethodName(BundleMethod m) {
  switch (m) {
    case BundleMethod::kPublicKey:
      return "key";
    case BundleMethod::kCertificateChain:
      return "certificate";
    case BundleMethod::kSigstore:
      return "sigstore";
  }
  return "unknown";
}

Result<Bundle> ParseBundle(ByteView json, const OmsLimits& limits) {
  try {
    AIGIS_ASSIGN_OR_RETURN(Json j, ParseJson(json, limits, "bundle"));
    Bundle b;
    AIGIS_ASSIGN_OR_RETURN(b.media_type, StringField(j, "mediaType", "media_type", "bundle"));
    if (b.media_type.rfind("application/vnd.dev.sigstore.bundle", 0) != 0) {
      return Status::Malformed("bundle: mediaType '" + b.media_type + "' is not a Sigstore bundle");
    }
    const Json* vm = Field(j, "verificationMaterial", "verification_material");
    if (vm == nullptr || !vm->is_object()) {
      return Status::Malformed("bundle: missing verificationMaterial");
    }
    const Json* env = Field(j, "dsseEnvelope", "dsse_envelope");
    if (env == nullptr || !env->is_object()) {
      if (Field(j, "messageSignature", "message_signature") != nullptr) {
        return Status::Malformed(
            "bundle: messageSignature bundles are not model signatures "
            "(no dsseEnvelope)");
      }
      return Status::Malformed("bundle: missing dsseEnvelope");
    }
    AIGIS_RETURN_IF_ERROR(ParseMaterial(*vm, limits, b));
    AIGIS_ASSIGN_OR_RETURN(b.payload_type,
                           StringField(*env, "payloadType", "payload_type", "envelope"));
    AIGIS_ASSIGN_OR_RETURN(b.payload, Base64Field(*env, "payload", nullptr, "envelope"));
    const Json* sigs = Field(*env, "signatures");
    if (sigs == nullptr || !sigs->is_array() || sigs->empty()) {
      return Status::Malformed("envelope: no signatures");
    }
    if (sigs->size() > limits.max_signatures) {
      return Status::LimitExceeded("envelope: more than " + std::to_string(limits.max_signatures) +
                                   " signatures");
    }
    for (size_t i = 0; i < sigs->size(); ++i) {
      DsseSignature s;
      AIGIS_ASSIGN_OR_RETURN(s.sig, Base64Field((*sigs)[i], "sig", nullptr,
                                                "envelope: signature " + std::to_string(i)));
      if (const Json* kid = Field((*sigs)[i], "keyid"); kid != nullptr && kid->is_string()) {
        s.keyid = kid->get<std::string>();
      }
      b.signatures.push_back(std::move(s));
    }
    return b;
  } catch (const std::exception& e) {  // nlohmann type errors: never escape our API
    return Status::Malformed(std::string("bundle: ") + e.what());
  }
}

Result<Statement> ParseStatement(ByteView payload, const OmsLimits& limits) {
  try {
    AIGIS_ASSIGN_OR_RETURN(Json j, ParseJson(payload, limits, "statement"));
    return ParseStatementJson(j, limits);
  } catch (const std::exception& e) {
    return Status::Malformed(std::string("statement: ") + e.what());
  }
}

std::vector<uint8_t> DssePae(std::string_view payload_type, ByteView payload) {
  std::string head = "DSSEv1 " + std::to_string(payload_type.size()) + " " +
                     std::string(payload_type) + " " + std::to_string(payload.size()) + " ";
  std::vector<uint8_t> out(head.begin(), head.end());
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

std::vector<uint8_t> DssePaeCompat(std::string_view payload_type, ByteView payload) {
  std::string s = "DSSEV1 " + std::to_string(payload_type.size()) + " " +
                  std::string(payload_type) + " " + std::to_string(payload.size()) + " " +
                  PythonBytesRepr(payload);
  return std::vector<uint8_t>(s.begin(), s.end());
}

std::string BuildStatement(const Manifest& manifest, const std::string& subject_name,
                           const std::vector<std::string>& ignore_paths, bool allow_symlinks) {
  using OJson = nlohmann::ordered_json;
  std::vector<const Resource*> sorted;
  for (const auto& r : manifest.resources) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](const Resource* a, const Resource* b) {
    if (a->path != b->path) return a->path < b->path;
    return a->start < b->start;
  });
  OJson resources = OJson::array();
  std::vector<std::vector<uint8_t>> digests;
  for (const Resource* r : sorted) {
    resources.push_back({{"name", r->name},
                         {"algorithm", std::string(HashAlgorithmName(manifest.hash))},
                         {"digest", HexEncode(r->digest)}});
    digests.push_back(r->digest);
  }
  OJson ser = {{"method", manifest.method == SerializationMethod::kShards ? "shards" : "files"},
               {"hash_type", std::string(HashAlgorithmName(manifest.hash))},
               {"allow_symlinks", allow_symlinks},
               {"ignore_paths", ignore_paths}};
  if (manifest.method == SerializationMethod::kShards) ser["shard_size"] = manifest.shard_size;
  OJson st = {
      {"_type", kStatementType},
      {"subject", OJson::array({{{"name", subject_name},
                                 {"digest", {{"sha256", HexEncode(RootDigest(digests))}}}}})},
      {"predicateType", kPredicateTypeV1},
      {"predicate", {{"resources", resources}, {"serialization", ser}}}};
  // Names are file names: invalid UTF-8 is replaced rather than throwing.
  return st.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BuildBundle(const BundleMaterial& material, std::string_view payload,
                        ByteView signature) {
  using OJson = nlohmann::ordered_json;
  OJson vm;
  switch (material.method) {
    case BundleMethod::kPublicKey:
      vm["publicKey"] = {{"hint", material.key_hint}};
      break;
    case BundleMethod::kCertificateChain:
    case BundleMethod::kSigstore: {
      OJson certs = OJson::array();
      for (const auto& der : material.certificates) {
        certs.push_back({{"rawBytes", Base64Encode(der)}});
      }
      vm["x509CertificateChain"] = {{"certificates", certs}};
      break;
    }
  }
  vm["tlogEntries"] = OJson::array();
  OJson b = {{"mediaType", kBundleMediaType},
             {"verificationMaterial", vm},
             {"dsseEnvelope",
              {{"payload", Base64Encode(AsBytes(payload))},
               {"payloadType", kInTotoPayloadType},
               {"signatures", OJson::array({{{"sig", Base64Encode(signature)}, {"keyid", ""}}})}}}};
  return b.dump();
}

}  // namespace aigis::sign
