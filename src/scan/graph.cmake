# Scan adapters for graph formats: ONNX (onnx_scan) and TensorFlow SavedModel/GraphDef
# (savedmodel_scan). Included from src/scan/CMakeLists.txt; one library, aigis::scan_graph.
set(AIGIS_SCAN_GRAPH_SRCS ${CMAKE_CURRENT_SOURCE_DIR}/onnx_scan.cc
    ${CMAKE_CURRENT_SOURCE_DIR}/capped_reporter.cc)
set(AIGIS_SCAN_GRAPH_DEPS aigis::core aigis::formats_onnx)
if(TARGET aigis_formats_savedmodel AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/savedmodel_scan.cc)
  list(APPEND AIGIS_SCAN_GRAPH_SRCS ${CMAKE_CURRENT_SOURCE_DIR}/savedmodel_scan.cc)
  list(APPEND AIGIS_SCAN_GRAPH_DEPS aigis::formats_savedmodel)
endif()
aigis_module(scan_graph
  SRCS ${AIGIS_SCAN_GRAPH_SRCS}
  DEPS PUBLIC ${AIGIS_SCAN_GRAPH_DEPS})
