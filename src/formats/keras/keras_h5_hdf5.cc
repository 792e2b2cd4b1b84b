// The libhdf5 half of formats/keras, built as the plugin libaigis_hdf5.so (see core/plugin.h):
// only this file links libhdf5 and what it pulls in (libcurl, Kerberos, GnuTLS, LDAP, ...).
#include <hdf5.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <set>
#include <utility>

#include "core/checked_math.h"
#include "formats/keras/keras_h5_plugin.h"

// Written against the libhdf5 1.10 API (Debian 12); 1.12 renamed H5Literate/H5L_info_t.
#if H5_VERS_MAJOR != 1 || H5_VERS_MINOR != 10
#error "formats/keras/keras_h5.cc expects libhdf5 1.10"
#endif

namespace aigis::formats::keras {
namespace {

std::mutex& Hdf5Mutex() {
  static std::mutex m;
  return m;
}

// One owned hid_t with its close function (wrap each C handle once).
class Hid {
 public:
  using CloseFn = herr_t (*)(hid_t);
  Hid(hid_t id, CloseFn close) : id_(id), close_(close) {}
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  Hid(Hid&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  ~Hid() {
    if (id_ >= 0) close_(id_);
  }
  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }

 private:
  hid_t id_;
  CloseFn close_;
};

// External-link traversal callback: always refuse (we never follow links out of the file).
herr_t DenyExternalLink(const char*, const char*, const char*, const char*, unsigned*, hid_t,
                        void*) {
  return -1;
}

// Reads a scalar (or one-element) string attribute of `obj`. nullopt when absent or not a string.
Result<std::optional<std::string>> ReadStringAttribute(hid_t obj, const char* name,
                                                       const KerasLimits& limits) {
  htri_t exists = H5Aexists(obj, name);
  if (exists < 0) return Status::Malformed(std::string("hdf5: cannot look up attribute ") + name);
  if (exists == 0) return std::optional<std::string>();
  Hid attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  if (!attr.ok()) return Status::Malformed(std::string("hdf5: cannot open attribute ") + name);
  Hid ftype(H5Aget_type(attr.get()), H5Tclose);
  Hid space(H5Aget_space(attr.get()), H5Sclose);
  if (!ftype.ok() || !space.ok()) {
    return Status::Malformed(std::string("hdf5: attribute ") + name + ": no type or dataspace");
  }
  if (H5Tget_class(ftype.get()) != H5T_STRING) return std::optional<std::string>();
  hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points != 1) {
    return Status::Unsupported(std::string("hdf5: attribute ") + name + " holds " +
                               std::to_string(points) + " strings, expected one");
  }
  htri_t is_vlen = H5Tis_variable_str(ftype.get());
  if (is_vlen < 0) return Status::Malformed(std::string("hdf5: attribute ") + name + ": bad type");
  if (is_vlen > 0) {
    Hid mem(H5Tcopy(H5T_C_S1), H5Tclose);
    if (!mem.ok() || H5Tset_size(mem.get(), H5T_VARIABLE) < 0 ||
        H5Tset_cset(mem.get(), H5Tget_cset(ftype.get())) < 0) {
      return Status::Internal("hdf5: cannot build a string type");
    }
    char* p = nullptr;
    if (H5Aread(attr.get(), mem.get(), &p) < 0) {
      return Status::Malformed(std::string("hdf5: cannot read attribute ") + name);
    }
    std::optional<std::string> value;
    Status st;
    if (p != nullptr) {
      size_t n = strnlen(p, static_cast<size_t>(limits.max_attribute_bytes) + 1);
      if (n > limits.max_attribute_bytes) {
        st = Status::LimitExceeded(std::string("hdf5: attribute ") + name +
                                   " longer than max_attribute_bytes");
      } else {
        value = std::string(p, n);
      }
    }
    H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, &p);
    if (!st.ok()) return st;
    return value;
  }
  size_t size = H5Tget_size(ftype.get());
  if (size == 0) return Status::Malformed(std::string("hdf5: attribute ") + name + ": size 0");
  if (size > limits.max_attribute_bytes) {
    return Status::LimitExceeded(std::string("hdf5: attribute ") + name + " of " +
                                 std::to_string(size) + " bytes > max_attribute_bytes");
  }
  Hid mem(H5Tcopy(ftype.get()), H5Tclose);
  if (!mem.ok()) return Status::Internal("hdf5: cannot copy a string type");
  std::string buf(size, '\0');
  if (H5Aread(attr.get(), mem.get(), buf.data()) < 0) {
    return Status::Malformed(std::string("hdf5: cannot read attribute ") + name);
  }
  // Fixed strings are NUL- or space-padded.
  size_t end = buf.find('\0');
  if (end != std::string::npos) buf.resize(end);
  while (!buf.empty() && buf.back() == ' ') buf.pop_back();
  return std::optional<std::string>(std::move(buf));
}

std::string DtypeName(hid_t type) {
  size_t size = H5Tget_size(type);
  std::string bits = std::to_string(size * 8);
  switch (H5Tget_class(type)) {
    case H5T_FLOAT:
      return "F" + bits;
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "U" : "I") + bits;
    case H5T_STRING:
      return "STRING";
    case H5T_ENUM:
      return "ENUM";  // h5py stores bool as an enum
    case H5T_COMPOUND:
      return "COMPOUND";
    default:
      return "OTHER";
  }
}

// File-image callbacks that let libhdf5 use the caller's bytes in place instead of copying them
// (the H5LT "don't copy, don't release" scheme): every allocation of the image returns the
// caller's buffer, copies onto itself are no-ops, and resizing fails (the file is read-only).
// So a memory-mapped multi-GB file is not duplicated, and only the pages libhdf5 touches are read.
struct ImageRef {
  void* data;
  size_t size;
};

void* ImageMalloc(size_t size, H5FD_file_image_op_t op, void* udata) {
  auto* ref = static_cast<ImageRef*>(udata);
  if (op == H5FD_FILE_IMAGE_OP_FILE_RESIZE || size != ref->size) return nullptr;
  return ref->data;
}

void* ImageMemcpy(void* dest, const void* src, size_t size, H5FD_file_image_op_t op, void* udata) {
  auto* ref = static_cast<ImageRef*>(udata);
  if (op == H5FD_FILE_IMAGE_OP_FILE_RESIZE || dest != ref->data || src != ref->data ||
      size != ref->size) {
    return nullptr;
  }
  return dest;
}

void* ImageRealloc(void*, size_t, H5FD_file_image_op_t, void*) { return nullptr; }

herr_t ImageFree(void* ptr, H5FD_file_image_op_t, void* udata) {
  return ptr == static_cast<ImageRef*>(udata)->data ? 0 : -1;
}

void* ImageUdataCopy(void* udata) { return udata; }  // lives for the whole ReadHdf5 call
herr_t ImageUdataFree(void*) { return 0; }

struct LinkEntry {
  std::string name;
  H5L_type_t type;
};

herr_t CollectLink(hid_t, const char* name, const H5L_info_t* info, void* op) {
  auto* out = static_cast<std::vector<LinkEntry>*>(op);
  out->push_back(LinkEntry{name, info->type});
  return 0;
}

class Traversal {
 public:
  Traversal(const KerasLimits& limits, Hdf5Facts& facts, hid_t lapl, hid_t dapl)
      : limits_(limits), facts_(facts), lapl_(lapl), dapl_(dapl) {}

  void Run(hid_t file) {
    struct Frame {
      Hid group;
      std::string path;
      uint32_t depth;
    };
    std::vector<Frame> stack;
    Hid root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
    if (!root.ok()) {
      SetStatus(Status::Malformed("hdf5: cannot open the root group"));
      return;
    }
    H5O_info_t info;
    if (H5Oget_info2(root.get(), &info, H5O_INFO_BASIC) >= 0) visited_.insert(info.addr);
    stack.push_back(Frame{std::move(root), "", 0});
    while (!stack.empty()) {
      Frame f = std::move(stack.back());
      stack.pop_back();
      ++facts_.groups;
      std::vector<LinkEntry> links;
      hsize_t idx = 0;
      if (H5Literate(f.group.get(), H5_INDEX_NAME, H5_ITER_NATIVE, &idx, CollectLink, &links) < 0) {
        SetStatus(Status::Malformed("hdf5: cannot list group '" + f.path + "/'"));
        // keep what was listed before the error
      }
      for (const LinkEntry& l : links) {
        std::string path = f.path + "/" + l.name;
        if (++objects_ > limits_.max_hdf5_objects) {
          SetStatus(Status::LimitExceeded("hdf5: more than " +
                                          std::to_string(limits_.max_hdf5_objects) + " objects"));
          return;
        }
        if (l.type == H5L_TYPE_SOFT || l.type == H5L_TYPE_EXTERNAL) {
          RecordLink(f.group.get(), l, path);
          continue;
        }
        if (l.type != H5L_TYPE_HARD) {
          facts_.links.push_back(Hdf5Link{path, "(user-defined link)", true});
          continue;
        }
        // A name with '/' would be parsed as a path through other links; never valid in HDF5.
        if (l.name.empty() || l.name.find('/') != std::string::npos || l.name == ".") {
          SetStatus(Status::Malformed("hdf5: invalid link name under '" + f.path + "/'"));
          continue;
        }
        if (H5Oget_info_by_name2(f.group.get(), l.name.c_str(), &info, H5O_INFO_BASIC, lapl_) < 0) {
          SetStatus(Status::Malformed("hdf5: cannot stat '" + path + "'"));
          continue;
        }
        if (!visited_.insert(info.addr).second) continue;  // hard-link cycle or alias
        if (info.type == H5O_TYPE_GROUP) {
          if (f.depth + 1 > limits_.max_hdf5_depth) {
            SetStatus(Status::LimitExceeded("hdf5: groups nested deeper than " +
                                            std::to_string(limits_.max_hdf5_depth)));
            continue;
          }
          Hid g(H5Gopen2(f.group.get(), l.name.c_str(), H5P_DEFAULT), H5Gclose);
          if (!g.ok()) {
            SetStatus(Status::Malformed("hdf5: cannot open group '" + path + "'"));
            continue;
          }
          stack.push_back(Frame{std::move(g), path, f.depth + 1});
        } else if (info.type == H5O_TYPE_DATASET) {
          VisitDataset(f.group.get(), l.name, path);
        }
      }
    }
  }

 private:
  void SetStatus(Status st) {
    if (facts_.status.ok()) facts_.status = std::move(st);
  }

  void RecordLink(hid_t group, const LinkEntry& l, const std::string& path) {
    Hdf5Link link{path, "", l.type == H5L_TYPE_EXTERNAL};
    H5L_info_t li;
    if (H5Lget_info(group, l.name.c_str(), &li, H5P_DEFAULT) >= 0 && li.u.val_size > 0 &&
        li.u.val_size <= 8192) {
      std::string buf(li.u.val_size, '\0');
      if (H5Lget_val(group, l.name.c_str(), buf.data(), buf.size(), H5P_DEFAULT) >= 0) {
        if (l.type == H5L_TYPE_SOFT) {
          link.target = std::string(buf.c_str());
        } else {
          unsigned flags = 0;
          const char* file = nullptr;
          const char* obj = nullptr;
          if (H5Lunpack_elink_val(buf.data(), buf.size(), &flags, &file, &obj) >= 0 &&
              file != nullptr && obj != nullptr) {
            link.target = std::string(file) + ":" + obj;
          }
        }
      }
    }
    if (facts_.links.size() < limits_.max_facts) facts_.links.push_back(std::move(link));
  }

  void VisitDataset(hid_t group, const std::string& name, const std::string& path) {
    Hid ds(H5Dopen2(group, name.c_str(), dapl_), H5Dclose);
    if (!ds.ok()) {
      SetStatus(Status::Malformed("hdf5: cannot open dataset '" + path + "'"));
      return;
    }
    ++facts_.datasets;
    Hid dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
    if (dcpl.ok()) {
      int external = H5Pget_external_count(dcpl.get());
      for (int i = 0; i < external && facts_.external_storage.size() < limits_.max_facts; ++i) {
        char file[1024] = {0};
        off_t offset = 0;
        hsize_t size = 0;
        if (H5Pget_external(dcpl.get(), static_cast<unsigned>(i), sizeof(file) - 1, file, &offset,
                            &size) >= 0) {
          facts_.external_storage.push_back(path + " -> " + file);
        }
      }
      if (H5Pget_layout(dcpl.get()) == H5D_VIRTUAL) {
        size_t count = 0;
        H5Pget_virtual_count(dcpl.get(), &count);
        for (size_t i = 0; i < count && facts_.external_storage.size() < limits_.max_facts; ++i) {
          char file[1024] = {0};
          H5Pget_virtual_filename(dcpl.get(), i, file, sizeof(file) - 1);
          facts_.external_storage.push_back(path + " -> (virtual) " + file);
        }
      }
    }
    Hid space(H5Dget_space(ds.get()), H5Sclose);
    if (space.ok()) {
      hssize_t n = H5Sget_simple_extent_npoints(space.get());
      // Optimizer state (/optimizer_weights in Keras 2, /optimizer in Keras 3) is not the model.
      if (n > 0 && path.rfind("/optimizer", 0) != 0) {
        std::optional<uint64_t> sum = CheckedAdd(facts_.parameters, static_cast<uint64_t>(n));
        facts_.parameters = sum.value_or(UINT64_MAX);
      }
    }
    Hid type(H5Dget_type(ds.get()), H5Tclose);
    if (type.ok()) {
      std::string dtype = DtypeName(type.get());
      if (std::find(facts_.dtypes.begin(), facts_.dtypes.end(), dtype) == facts_.dtypes.end() &&
          facts_.dtypes.size() < 32) {
        facts_.dtypes.push_back(std::move(dtype));
      }
    }
  }

  const KerasLimits& limits_;
  Hdf5Facts& facts_;
  hid_t lapl_;
  hid_t dapl_;
  uint64_t objects_ = 0;
  std::set<haddr_t> visited_;
};

}  // namespace

Hdf5Facts ReadWithLibhdf5(ByteView data, const KerasLimits& limits) {
  // keras_h5.cc checked the size limit and the signature before loading this module.
  Hdf5Facts facts;
  static std::atomic<uint64_t> counter{0};
  std::string name = "aigis-mem-" + std::to_string(counter.fetch_add(1)) + ".h5";

  std::lock_guard<std::mutex> lock(Hdf5Mutex());
  // libhdf5 prints its error stack to stderr by default; library code never prints.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);

  // libhdf5 wants a mutable pointer; the file is opened read-only and ImageRealloc refuses growth.
  // Declared before every handle so that it outlives their close callbacks.
  ImageRef image{const_cast<uint8_t*>(data.data()), data.size()};
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  Hid lapl(H5Pcreate(H5P_LINK_ACCESS), H5Pclose);
  Hid dapl(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose);
  H5FD_file_image_callbacks_t callbacks = {ImageMalloc,    ImageMemcpy,    ImageRealloc, ImageFree,
                                           ImageUdataCopy, ImageUdataFree, &image};
  if (!fapl.ok() || !lapl.ok() || !dapl.ok() ||
      H5Pset_fapl_core(fapl.get(), 1 << 20, /*backing_store=*/0) < 0 ||
      H5Pset_file_image_callbacks(fapl.get(), &callbacks) < 0 ||
      H5Pset_file_image(fapl.get(), image.data, image.size) < 0 ||
      H5Pset_elink_cb(lapl.get(), DenyExternalLink, nullptr) < 0 ||
      H5Pset_nlinks(lapl.get(), 1) < 0) {
    facts.status = Status::Internal("hdf5: cannot set up in-memory access");
    return facts;
  }
  // Virtual-dataset and external-file prefixes that can not exist: we never read raw data, and
  // this keeps libhdf5 from opening real files if it resolves sources anyway.
  H5Pset_virtual_prefix(dapl.get(), "/nonexistent/aigis-no-vds/");
  H5Pset_efile_prefix(dapl.get(), "/nonexistent/aigis-no-efile/");

  Hid file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose);
  if (!file.ok()) {
    facts.status = Status::Malformed(0, "hdf5: libhdf5 could not open the file image");
    return facts;
  }
  facts.opened = true;

  struct Attr {
    const char* name;
    std::optional<std::string>* out;
  };
  for (Attr a :
       {Attr{"model_config", &facts.model_config}, Attr{"training_config", &facts.training_config},
        Attr{"keras_version", &facts.keras_version}, Attr{"backend", &facts.backend}}) {
    Result<std::optional<std::string>> v = ReadStringAttribute(file.get(), a.name, limits);
    if (v.ok()) {
      *a.out = std::move(v).value();
    } else if (facts.status.ok()) {
      facts.status = v.error();
    }
  }
  htri_t mw = H5Lexists(file.get(), "model_weights", H5P_DEFAULT);
  facts.has_model_weights = mw > 0;
  if (facts.has_model_weights && !facts.keras_version.has_value()) {
    // Keras 2 also writes keras_version/backend on /model_weights.
    Hid g(H5Gopen2(file.get(), "model_weights", H5P_DEFAULT), H5Gclose);
    if (g.ok()) {
      Result<std::optional<std::string>> v = ReadStringAttribute(g.get(), "keras_version", limits);
      if (v.ok()) facts.keras_version = std::move(v).value();
    }
  }
  Traversal(limits, facts, lapl.get(), dapl.get()).Run(file.get());
  return facts;
}

void InitLibhdf5() {
  std::lock_guard<std::mutex> lock(Hdf5Mutex());
  (void)H5open();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

}  // namespace aigis::formats::keras

extern "C" __attribute__((visibility("default"))) const void* aigis_plugin_hdf5() {
  using namespace aigis::formats::keras;
  static const Hdf5PluginApi api{kHdf5PluginAbi, sizeof(Hdf5Facts), sizeof(KerasLimits),
                                 &ReadWithLibhdf5, &InitLibhdf5};
  return &api;
}
