// aigis-hdf5-reader: the sandboxed child in which ReadHdf5 runs libhdf5 on an untrusted file
// (core/isolated_call.h). Started by RunIsolatedProgram only: stdin holds an Hdf5ReadRequest and
// the file, stdout takes EncodeHdf5Facts. It loads libhdf5 (the plugin next to it), then enters
// the sandbox, and only then reads the file. A problem of its own (a request from another build,
// no plugin) is answered as facts with that status, so the scan reports why the file was not
// analysed; a crash or hang in libhdf5 is seen by the caller as the child's death.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "core/isolated_call.h"
#include "core/plugin.h"
#include "formats/keras/keras_h5.h"
#include "formats/keras/keras_h5_plugin.h"

namespace fk = aigis::formats::keras;

namespace {

[[noreturn]] void Answer(const fk::Hdf5Facts& facts) {
  // _exit: no atexit work (and no leak report) after the answer is out.
  _exit(aigis::WriteIsolatedOutput(fk::EncodeHdf5Facts(facts)) ? 0 : 3);
}

[[noreturn]] void Refuse(aigis::Status status) {
  fk::Hdf5Facts facts;
  facts.status = std::move(status);
  Answer(facts);
}

}  // namespace

int main(int argc, char** argv) {
  auto inv = aigis::ReadIsolatedInvocation(argc, argv);
  if (!inv.ok()) {
    std::fprintf(stderr, "%s\n", inv.status().message().c_str());
    return 2;
  }
  auto api = aigis::LoadPlugin("hdf5", "aigis_plugin_hdf5");
  if (!api.ok())
    Refuse(aigis::Status::Unsupported("hdf5: reader unavailable: " + api.status().message()));
  auto* table = static_cast<const fk::Hdf5PluginApi*>(*api);
  fk::Hdf5ReadRequest request;
  if (!fk::TableMatchesThisBuild(*table) || inv->input.size() < sizeof(request)) {
    Refuse(aigis::Status::Unsupported("hdf5: libaigis_hdf5.so or " +
                                      std::string(fk::kHdf5ReaderProgram) +
                                      " is from another aigis build"));
  }
  std::memcpy(&request, inv->input.data(), sizeof(request));
  const fk::Hdf5ReadRequest expected;
  if (std::memcmp(request.magic, expected.magic, sizeof(request.magic)) != 0 ||
      request.abi != expected.abi || request.limits_size != expected.limits_size) {
    Refuse(aigis::Status::Unsupported("hdf5: " + std::string(fk::kHdf5ReaderProgram) +
                                      " is from another aigis build"));
  }
  table->init();  // may open files (libhdf5's start-up); the sandbox comes after
  aigis::EnterIsolation(inv->limits);
  Answer(table->read(inv->input.subspan(sizeof(request)), request.limits));
}
