// Fuzz target for the ONNX reader: ParseOnnxModel with small limits, the sniffer, and the
// lexical external-data checks on every location found (no file-system access).
#include <cstddef>
#include <cstdint>

#include "formats/onnx/external_data.h"
#include "formats/onnx/onnx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aigis::ByteView bytes(data, size);
  (void)aigis::formats::onnx::LooksLikeOnnx(bytes.subspan(0, size < 64 ? size : 64), size);
  aigis::formats::onnx::OnnxLimits limits;
  limits.max_graph_depth = 16;
  limits.max_graphs = 1000;
  limits.max_nodes = 10000;
  limits.max_tensors = 10000;
  limits.max_external_refs = 1000;
  limits.max_custom_op_kinds = 100;
  auto model = aigis::formats::onnx::ParseOnnxModel(bytes, limits);
  for (const auto& ref : model.external_data) {
    if (const std::string* loc = ref.Find("location")) {
      (void)aigis::formats::onnx::CheckLocationText(*loc);
    }
    for (const auto& [k, v] : ref.entries) (void)aigis::formats::onnx::ParseExternalNumber(v);
  }
  return 0;
}
