// Server-side template injection (SSTI) analysis of Jinja2 templates such as GGUF
// tokenizer.chat_template and tokenizer_config.json chat_template (CVE-2024-34359 class).
//
// The template is tokenised (jinja_lexer.h) and every {{ }} / {% %} tag is parsed as Jinja
// expressions by a bounded recursive-descent parser that folds constant strings (~ and +
// concatenation, |join, |format, '%c' % n, |replace, |reverse, str methods, slices, {% set %}
// variables, escapes such as '\x5f\x5f'). Attribute names are checked in every form: .name,
// ['name'], |attr('name'), map(attribute=...). Nothing is rendered.
//
// Thread safety: stateless function; results are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/status.h"
#include "formats/jinja/jinja_limits.h"

namespace aigis::formats::jinja {

struct TemplateFinding {
  std::string rule;  // "template.ssti.dunder", "template.ssti.gadget", ... (docs/formats/jinja.md)
  Severity severity;
  uint32_t offset;  // byte offset in the template
  std::string message;
  std::string evidence;
};

struct TemplateReport {
  std::vector<TemplateFinding> findings;  // deduplicated by (rule, evidence)
  uint64_t tokens = 0;
  uint32_t max_block_nesting = 0;
  // OK, or the limit that stopped the analysis (a "template.limit" finding is also present).
  Status status;
};

TemplateReport AnalyzeTemplate(std::string_view tmpl, const JinjaLimits& limits = {});

}  // namespace aigis::formats::jinja
