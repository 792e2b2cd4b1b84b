// On-demand loading of the modules that wrap heavy, rarely needed libraries.
//
// libhdf5 (legacy Keras .h5 only) drags in about 25 shared libraries (libcurl, Kerberos, GnuTLS,
// LDAP) and libarchive (tar/7z only) another eight (libxml2, ICU). Linked into the binary, the
// dynamic loader maps and relocates all of them on every start, which was ~90% of the time of
// `aigis scan` on a single checkpoint. So those readers live in small plugin modules
// (libaigis_<name>.so) that are loaded the first time such a file is met.
//
// A plugin is looked up only in fixed places, never through the environment or the scanned tree:
//   1. the directory of the running executable (/proc/self/exe),
//   2. <that directory>/../lib/aigis (an installed layout),
//   3. the build tree's plugin directory (AIGIS_PLUGIN_BUILD_DIR, for tests and the build tree).
// It must export `const void* <entry>()` returning its API table; the caller checks the table's
// ABI stamp. Modules are never unloaded (objects they created may outlive any caller).
// Thread safety: LoadPlugin may be called from many threads; each module is opened once.
#pragma once

#include <string>

#include "core/status.h"

namespace aigis {

// Directory of the running executable (/proc/self/exe, links resolved), "" when unknown. The one
// trusted place to look for the files installed with it (plugins, aigis-full).
std::string ExecutableDir();

// Path of `file` (a plugin module or a helper program built with the plugins) in the first of the
// fixed places above that has it; kUnsupported naming every path tried when none has.
Result<std::string> FindPluginFile(const std::string& file);

// Opens libaigis_<name>.so (once per process) and returns what its `entry` function returns.
// Fails with kUnsupported naming every path tried when the module cannot be found or loaded.
Result<const void*> LoadPlugin(const std::string& name, const char* entry);

}  // namespace aigis
