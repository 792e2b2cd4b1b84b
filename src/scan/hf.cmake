# Scan adapters for Hugging Face-style artifacts: safetensors, GGUF (+ chat templates), HF repo
# metadata (config/tokenizer_config JSON, remote-code .py, LFS pointers). One library,
# aigis::scan_hf; linked into the scanner by zz_scanner_links.cmake (AIGIS_HAVE_SCAN_HF).
if(NOT TARGET nlohmann_json::nlohmann_json)
  find_package(nlohmann_json 3 REQUIRED GLOBAL)
endif()
aigis_module(scan_hf
  SRCS ${CMAKE_CURRENT_SOURCE_DIR}/safetensors_scan.cc ${CMAKE_CURRENT_SOURCE_DIR}/gguf_scan.cc
       ${CMAKE_CURRENT_SOURCE_DIR}/hf_repo_scan.cc
  DEPS PUBLIC aigis::formats_safetensors aigis::formats_gguf aigis::formats_jinja aigis::core
       PRIVATE nlohmann_json::nlohmann_json)
