// Checks on ONNX external-data references (onnx.proto TensorProto.external_data; model-threats
// §5.9): the `location` text itself (absolute, drive letter, UNC, `..`, backslashes, the ONNX
// Runtime `*/_ORT_MEM_ADDR_/*` in-memory marker, ...), the offset/length numbers, and, when the
// model is a file on disk, where the location really resolves to (symlinks, outside the model's
// directory, size of the target file). Loaders affected: onnx < 1.21 (CVE-2022-25882,
// CVE-2024-27318, CVE-2026-27489/34447), ONNX Runtime, OpenVINO.
//
// Thread safety: pure functions (CheckExternalFile reads the file system).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aigis::formats::onnx {

// Lexical findings on a location string; several may hold at once.
struct LocationText {
  bool empty = false;
  bool ort_memory_marker = false;  // "*/_ORT_MEM_ADDR_/*": offset is a raw memory address
  bool absolute_posix = false;     // "/etc/passwd"
  bool drive_letter = false;       // "C:\x", "c:/x", "C:x"
  bool unc = false;                // "\\server\share", "//server/share", "\\?\C:\"
  bool parent_ref = false;         // a ".." component, with '/' or '\' separators
  bool backslash = false;          // any '\' (a separator on Windows, a file-name byte on POSIX)
  bool url = false;                // "file://", "http://", ...
  bool home_ref = false;           // "~/..."
  bool control_char = false;       // NUL or other bytes < 0x20 (truncation tricks)

  // True when the location can leave the model's directory by itself.
  bool escapes() const {
    return absolute_posix || drive_letter || unc || parent_ref || url || home_ref;
  }
};

LocationText CheckLocationText(std::string_view location);

// Strict decimal parse of an offset/length value: digits only, no sign, no spaces, fits in 63
// bits (the loaders use int64). nullopt otherwise.
std::optional<uint64_t> ParseExternalNumber(std::string_view text);

// Where a location resolves on disk, relative to the directory of `model_path`.
struct ExternalFile {
  bool checked = false;  // false when the check could not run (no model path, NUL byte)
  bool exists = false;
  bool regular_file = false;
  bool through_symlink = false;    // some component of the location is a symbolic link
  bool outside_model_dir = false;  // the resolved path is not inside the model's directory
  uint64_t size = 0;               // when regular_file
  std::string resolved;            // canonical path (or the best lexical approximation)
};

// REQUIRES: model_path names the model file on disk. Never throws; file-system errors give
// checked=false or exists=false.
ExternalFile CheckExternalFile(const std::string& model_path, std::string_view location);

}  // namespace aigis::formats::onnx
