# Scan adapter for Keras (.keras config.json, legacy .h5) and plain HDF5. Included from
# src/scan/CMakeLists.txt; linked into the scanner by zz_scanner_links.cmake.
aigis_module(scan_keras
  SRCS ${CMAKE_CURRENT_SOURCE_DIR}/keras_scan.cc
  DEPS PUBLIC aigis::formats_keras aigis::core)
