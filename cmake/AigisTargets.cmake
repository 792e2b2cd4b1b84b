# aigis_module(<name> SRCS ... [DEPS ...])  -> static library aigis_<name>, alias aigis::<name>
# aigis_test(<name> SRCS ... [DEPS ...] [LABELS ...])
# aigis_fuzzer(<name> SRCS ... [DEPS ...])   -> fuzz target; corpus in fuzz/corpus/<name>/
# aigis_bench(<name> SRCS ... [DEPS ...])

function(aigis_module name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_library(aigis_${name} STATIC ${A_SRCS})
  add_library(aigis::${name} ALIAS aigis_${name})
  target_include_directories(aigis_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(aigis_${name} PRIVATE ${AIGIS_WARNINGS})
  if(A_DEPS)
    target_link_libraries(aigis_${name} ${A_DEPS})
  endif()
endfunction()

function(aigis_test name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${A_SRCS})
  target_compile_options(${name} PRIVATE ${AIGIS_WARNINGS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest GTest::gtest_main Threads::Threads)
  target_compile_definitions(${name} PRIVATE
    AIGIS_SOURCE_DIR="${PROJECT_SOURCE_DIR}" AIGIS_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT A_LABELS)
    set(A_LABELS unit)
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${A_LABELS}"
                       WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()

function(aigis_fuzzer name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  if(AIGIS_FUZZ_ENGINE STREQUAL "libfuzzer")
    add_executable(${name} ${A_SRCS})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(${name} ${A_SRCS} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
  endif()
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${A_DEPS})
  set_property(GLOBAL APPEND PROPERTY AIGIS_FUZZERS ${name})
  set(corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  if(AIGIS_BUILD_TESTS AND NOT AIGIS_FUZZ_ENGINE STREQUAL "libfuzzer")
    add_test(NAME fuzz_replay.${name} COMMAND ${name} ${corpus})
    set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS fuzz_replay)
  endif()
endfunction()

function(aigis_bench name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${A_SRCS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${A_DEPS} benchmark::benchmark)
endfunction()

# aigis_plugin(<name> SRCS ... [DEPS ...]) -> shared module libaigis_<name>.so in <build>/plugins,
# loaded on demand by core/plugin.h. Only the entry symbol is exported (hidden visibility, and the
# static libraries it links are hidden too), so its copy of our code cannot clash with the binary's.
function(aigis_plugin name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_library(aigis_plugin_${name} MODULE ${A_SRCS})
  set_target_properties(aigis_plugin_${name} PROPERTIES
    OUTPUT_NAME aigis_${name}
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/plugins
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(aigis_plugin_${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(aigis_plugin_${name} PRIVATE ${AIGIS_WARNINGS})
  target_link_options(aigis_plugin_${name} PRIVATE -Wl,--exclude-libs,ALL)
  if(A_DEPS)
    target_link_libraries(aigis_plugin_${name} PRIVATE ${A_DEPS})
  endif()
endfunction()

# aigis_static_dep(<imported target> <archive> [extra link items...]) -> with AIGIS_STATIC_DEPS,
# make <target> link lib<archive>.a (plus what that archive needs) instead of the shared library.
# Why: every shared library the binary needs costs start-up (mapping, and a longer scope for each of
# the ~8,000 symbol lookups ld.so does for libstdc++/libcrypto), and start-up was most of a
# single-model scan. Only self-contained C/C++ libraries whose archives Debian ships go through
# this; libstdc++ stays shared (one copy for us and the plugins' C++ libraries), OpenSSL is handled
# in the top-level CMakeLists.txt. The executable links with --exclude-libs for exactly these
# archives (AIGIS_STATIC_ARCHIVES), so nothing from them is exported and a plugin's shared
# zlib/lzma/zstd (libarchive, libhdf5) never binds to the executable's copy.
# Not --exclude-libs,ALL: that also hides a sanitizer runtime linked as an archive (clang's ASan
# malloc/free), and libstdc++.so then frees ASan memory with glibc's free.
function(aigis_static_dep target archive)
  if(NOT AIGIS_STATIC_DEPS OR NOT TARGET ${target})
    return()
  endif()
  find_library(AIGIS_STATIC_LIB_${archive} NAMES lib${archive}.a)
  if(NOT AIGIS_STATIC_LIB_${archive})
    message(STATUS "aigis: no lib${archive}.a, linking ${target} shared")
    return()
  endif()
  set(lib ${AIGIS_STATIC_LIB_${archive}})
  set_property(GLOBAL APPEND PROPERTY AIGIS_STATIC_ARCHIVES lib${archive}.a)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")  # pkg_check_modules(... IMPORTED_TARGET)
    set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES ${lib} ${ARGN})
  else()  # find_package targets: UNKNOWN or SHARED IMPORTED with per-configuration locations
    get_target_property(cfgs ${target} IMPORTED_CONFIGURATIONS)
    foreach(cfg IN LISTS cfgs)
      if(cfg)
        set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION_${cfg} ${lib})
        set_property(TARGET ${target} PROPERTY IMPORTED_SONAME_${cfg})
      endif()
    endforeach()
    set_property(TARGET ${target} PROPERTY IMPORTED_LOCATION ${lib})
    set_property(TARGET ${target} PROPERTY IMPORTED_SONAME)
    if(ARGN)
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${ARGN})
    endif()
  endif()
endfunction()
