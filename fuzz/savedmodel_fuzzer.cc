// Fuzz target for the TensorFlow graph reader: the sniffers, ParseSavedModel, ParseGraphDef and
// ParseKerasMetadata with small limits, and the op policy / path checks on what they return.
#include <cstddef>
#include <cstdint>

#include "formats/savedmodel/keras_metadata.h"
#include "formats/savedmodel/savedmodel_reader.h"
#include "formats/savedmodel/tf_op_policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace tf = aigis::formats::savedmodel;
  aigis::ByteView bytes(data, size);
  (void)tf::SniffTensorflowPb(bytes.subspan(0, size < 256 ? size : 256), size);
  tf::TfLimits limits;
  limits.max_meta_graphs = 8;
  limits.max_nodes = 10000;
  limits.max_functions = 1000;
  limits.max_attr_depth = 8;
  limits.max_attr_values_per_node = 1000;
  limits.max_strings = 1000;
  const tf::TfOpPolicy& policy = tf::TfOpPolicy::Default();
  for (bool saved : {true, false}) {
    tf::TfModel m = saved ? tf::ParseSavedModel(bytes, limits) : tf::ParseGraphDef(bytes, limits);
    for (const tf::TfNode& n : m.nodes) {
      if (policy.Denied(n.op) == nullptr) (void)policy.Allowed(n.op);
      if (n.function >= 0 && static_cast<size_t>(n.function) >= m.functions.size())
        __builtin_trap();
    }
    for (const tf::TfString& s : m.strings) {
      if (s.node >= m.nodes.size()) __builtin_trap();
      (void)tf::LooksLikePathOrUrl(s.value);
    }
  }
  (void)tf::LooksLikeKerasMetadata(bytes.subspan(0, size < 256 ? size : 256));
  tf::KerasMetadata km = tf::ParseKerasMetadata(bytes, limits);
  for (const auto& o : km.objects) {
    if (!o.metadata.empty() &&
        (o.metadata.data() < data || o.metadata.data() + o.metadata.size() > data + size)) {
      __builtin_trap();
    }
  }
  return 0;
}
