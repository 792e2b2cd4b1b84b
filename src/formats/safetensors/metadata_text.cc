#include "formats/safetensors/metadata_text.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace aigis::formats::safetensors {
namespace {

struct Pattern {
  std::string_view needle;  // lower-case
  std::string_view kind;
};

// Chosen so that JSON training configs, licences and prose do not match: every needle is a
// construct that only appears in code.
constexpr Pattern kPatterns[] = {
    {"__import__", "python"},
    {"import os", "python"},
    {"import subprocess", "python"},
    {"os.system(", "python"},
    {"subprocess.", "python"},
    {"exec(", "python"},
    {"eval(", "python"},
    {"__builtins__", "python"},
    {"__globals__", "python"},
    {"pickle.loads", "python"},
    {"marshal.loads", "python"},
    {"base64.b64decode", "python"},
    {"#!/bin/", "shell"},
    {"#!/usr/bin/", "shell"},
    {"/bin/sh", "shell"},
    {"/bin/bash", "shell"},
    {"bash -c", "shell"},
    {"/dev/tcp/", "shell"},
    {"| sh", "shell"},
    {"|sh", "shell"},
    {"| bash", "shell"},
    {"rm -rf", "shell"},
    {"wget http", "shell"},
    {"curl http", "shell"},
    {"curl -", "shell"},
    {"chmod +x", "shell"},
    {"nc -e", "shell"},
    {"powershell", "shell"},
    {"<script", "html"},
    {"<iframe", "html"},
    {"<img ", "html"},
    {"<svg", "html"},
    {"onerror=", "html"},
    {"onload=", "html"},
    {"javascript:", "javascript"},
    {"document.cookie", "javascript"},
    {"fetch(", "javascript"},
    {"xmlhttprequest", "javascript"},
    {"window.location", "javascript"},
    {"require('child_process", "javascript"},
    {"require(\"child_process", "javascript"},
};

}  // namespace

std::string_view CodeLikeKind(std::string_view text, std::string_view* evidence) {
  // Lower-case a bounded prefix copy; code hidden after megabytes of padding is caught by the
  // "very large string" rule instead.
  constexpr size_t kScan = 1 << 20;
  std::string lower(text.substr(0, kScan));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const Pattern& p : kPatterns) {
    const bool word = std::isalpha(static_cast<unsigned char>(p.needle[0])) != 0;
    for (size_t at = lower.find(p.needle); at != std::string::npos;
         at = lower.find(p.needle, at + 1)) {
      // "retrieval(" is not "eval(": identifiers must start at a word boundary.
      if (word && at > 0) {
        const auto prev = static_cast<unsigned char>(lower[at - 1]);
        if (std::isalnum(prev) || prev == '_') continue;
      }
      // "| shape" is not "| sh": words end at a boundary too ("curl http" continues as https).
      const size_t after = at + p.needle.size();
      const bool open_ended = p.needle.ends_with("http");
      if (!open_ended && std::isalpha(static_cast<unsigned char>(p.needle.back())) &&
          after < lower.size()) {
        const auto next = static_cast<unsigned char>(lower[after]);
        if (std::isalnum(next) || next == '_') continue;
      }
      if (evidence) *evidence = p.needle;
      return p.kind;
    }
  }
  // Shell command substitution: $( ... ) with a command word inside.
  size_t pos = lower.find("$(");
  if (pos != std::string::npos && lower.find(')', pos) != std::string::npos) {
    if (evidence) *evidence = "$(";
    return "shell";
  }
  return {};
}

}  // namespace aigis::formats::safetensors
