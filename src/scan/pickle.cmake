# Pickle policy + analyzer adapter (aigis::scan_pickle), included by CMakeLists.txt here.
# The allow/deny lists are embedded into the binary so an installed aigis needs no data files.
set(AIGIS_PICKLE_RULES_DIR ${PROJECT_SOURCE_DIR}/rules/pickle)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${AIGIS_PICKLE_RULES_DIR}/allow.txt ${AIGIS_PICKLE_RULES_DIR}/deny.txt
  ${AIGIS_PICKLE_RULES_DIR}/pickle_rules_data.cc.in)
file(READ ${AIGIS_PICKLE_RULES_DIR}/allow.txt AIGIS_PICKLE_ALLOW)
file(READ ${AIGIS_PICKLE_RULES_DIR}/deny.txt AIGIS_PICKLE_DENY)
configure_file(${AIGIS_PICKLE_RULES_DIR}/pickle_rules_data.cc.in
               ${CMAKE_CURRENT_BINARY_DIR}/pickle_rules_data.cc @ONLY)

aigis_module(scan_pickle
  SRCS ${CMAKE_CURRENT_LIST_DIR}/pickle_policy.cc ${CMAKE_CURRENT_LIST_DIR}/pickle_scan.cc
       ${CMAKE_CURRENT_BINARY_DIR}/pickle_rules_data.cc
  DEPS PUBLIC aigis::formats_pickle aigis::core)
# The lists become tables at compile time (scan/pickle_policy_tables.h): ~300,000 constexpr steps
# today, against clang's default budget of 1,048,576; room for the lists to grow tenfold.
set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/pickle_rules_data.cc PROPERTIES
  COMPILE_OPTIONS "$<$<CXX_COMPILER_ID:Clang>:-fconstexpr-steps=16777216>")
