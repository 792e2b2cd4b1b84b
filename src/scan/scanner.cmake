# The scanner proper: walker, dispatch and container analyzers. Format adapters declared in the
# other *.cmake files are linked when present.
aigis_module(scan
  SRCS ${CMAKE_CURRENT_SOURCE_DIR}/scanner.cc ${CMAKE_CURRENT_SOURCE_DIR}/dispatch.cc
       ${CMAKE_CURRENT_SOURCE_DIR}/container_scan.cc
  DEPS PUBLIC aigis::core aigis::formats_registry aigis::formats_zip aigis::formats_compress
       aigis::formats_npy aigis::formats_archive aigis::formats_pickle aigis::scan_pickle)
