// Reader for HDF5 files as Keras uses them: legacy Keras 2 / tf.keras .h5 models (root
// attributes model_config, training_config, keras_version, backend) and the model.weights.h5
// member of .keras archives. Built on libhdf5, opened from memory (core driver, no backing store):
// nothing is read from or written to disk, and external links are listed, never followed.
//
// Risk: libhdf5 is not designed for hostile input (it has had many CVEs in its object-header and
// B-tree code). We bound the input size (KerasLimits::max_hdf5_bytes), turn off its error printing,
// visit at most max_hdf5_objects objects with an explicit stack, and never open external or soft
// links or external raw-data files; and libhdf5 runs in a sandboxed child process, so a crash or
// hang in it is a finding, not the end of the scan. See docs/formats/keras.md.
//
// Thread safety: ReadHdf5 may be called from several threads; each isolated read has its own
// child process, and in-process reads (isolate_hdf5 off) are serialised by a process-wide mutex
// (libhdf5 is not reentrant even in its thread-safe build).
// Ownership: the result owns copies of everything it reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/keras/keras_limits.h"

namespace aigis::formats::keras {

// HDF5 signature "\x89HDF\r\n\x1a\n" at offset 0, 512, 1024, 2048, ... (the superblock search of
// the HDF5 spec, section II.A) within `head`.
bool LooksLikeHdf5(ByteView head);

struct Hdf5Link {
  std::string path;    // "/model_weights/dense/evil"
  std::string target;  // "file.h5:/obj" for external links, the target path for soft links
  bool external = false;
};

struct Hdf5Facts {
  bool opened = false;
  // Root attributes; std::nullopt when absent (or not a string).
  std::optional<std::string> model_config;
  std::optional<std::string> training_config;
  std::optional<std::string> keras_version;
  std::optional<std::string> backend;
  bool has_model_weights = false;  // group /model_weights (legacy full model)
  uint64_t groups = 0;
  uint64_t datasets = 0;
  uint64_t parameters = 0;          // dataset element counts, optimizer state excluded
  std::vector<std::string> dtypes;  // distinct dataset element types: "F32", "I64", ...
  std::vector<Hdf5Link> links;      // soft and external links (not followed)
  // Datasets whose raw data lives in other files (H5Pset_external) or is virtual (VDS): loading
  // the weights reads those files.
  std::vector<std::string> external_storage;  // "<dataset path> -> <file>"
  // First error; facts found before it are kept.
  Status status;
};

// Opens `data` as an HDF5 file image and collects the facts above. With limits.isolate_hdf5
// (the default) libhdf5 runs in a child process (core/isolated_call.h): if it crashes, hangs or
// runs out of memory on the file, the result has opened == false and a Malformed or
// LimitExceeded status saying so, and the caller's process is unharmed.
Hdf5Facts ReadHdf5(ByteView data, const KerasLimits& limits);

// The facts as the child sends them and as the parent reads them back. Decoding treats the bytes
// as hostile (the child ran libhdf5 on the file): bounded counts and lengths, no trailing bytes.
std::string EncodeHdf5Facts(const Hdf5Facts& facts);
Result<Hdf5Facts> DecodeHdf5Facts(ByteView bytes, const KerasLimits& limits);

}  // namespace aigis::formats::keras
