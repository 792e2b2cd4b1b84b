#include "formats/jinja/template_analyzer.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/jinja/chat_templates.h"

namespace aigis::formats::jinja {
namespace {

Severity MaxSev(const TemplateReport& r) {
  Severity s = Severity::kInfo;
  for (const auto& f : r.findings) s = std::max(s, f.severity);
  return s;
}
bool HasRule(const TemplateReport& r, std::string_view rule) {
  for (const auto& f : r.findings)
    if (f.rule == rule) return true;
  return false;
}
std::string Dump(const TemplateReport& r) {
  std::string s;
  for (const auto& f : r.findings) s += f.rule + " [" + f.evidence + "] " + f.message + "\n";
  return s;
}

TEST(TemplateAnalyzer, BenignTemplatesAreClean) {
  for (std::string_view t : aigis::testing::kBenignTemplates) {
    TemplateReport r = AnalyzeTemplate(t);
    EXPECT_TRUE(r.status.ok());
    EXPECT_TRUE(r.findings.empty()) << t.substr(0, 60) << "\n" << Dump(r);
  }
}

TEST(TemplateAnalyzer, MaliciousTemplatesAreFlagged) {
  for (const auto& m : aigis::testing::kMaliciousTemplates) {
    TemplateReport r = AnalyzeTemplate(m.text);
    EXPECT_EQ(MaxSev(r), Severity::kMalicious) << m.name << "\n" << Dump(r);
  }
}

TEST(TemplateAnalyzer, Cve202434359Details) {
  TemplateReport r = AnalyzeTemplate(aigis::testing::kCve202434359Template);
  EXPECT_TRUE(HasRule(r, "template.ssti.dunder")) << Dump(r);
  EXPECT_TRUE(HasRule(r, "template.ssti.dangerous-call")) << Dump(r);
  EXPECT_TRUE(HasRule(r, "template.ssti.dangerous-attribute")) << Dump(r);  // ._module
}

TEST(TemplateAnalyzer, ObfuscationIsNamed) {
  EXPECT_TRUE(HasRule(AnalyzeTemplate(R"({{ x|attr('__cla' ~ 'ss__') }})"),
                      "template.ssti.obfuscated-name"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate(R"({{ x['\x5f\x5fclass\x5f\x5f'] }})"),
                      "template.ssti.obfuscated-name"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate(R"({{ x|attr('%c%cclass%c%c'|format(95,95,95,95)) }})"),
                      "template.ssti.obfuscated-name"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate(R"({% set a = '__cl' %}{% set b = a ~ 'ass__' %}{{ x[b] }})"),
                      "template.ssti.obfuscated-name"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate(R"({{ x['{}{}class{}{}'.format('_','_','_','_')] }})"),
                      "template.ssti.obfuscated-name"));
  EXPECT_TRUE(
      HasRule(AnalyzeTemplate(R"({{ x['_' '_class__'] }})"), "template.ssti.obfuscated-name"));
}

TEST(TemplateAnalyzer, GadgetsNeedAttributeAccess) {
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ cycler.next }}"), "template.ssti.gadget"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ joiner['x'] }}"), "template.ssti.gadget"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ range|attr('x') }}"), "template.ssti.gadget"));
  EXPECT_TRUE(AnalyzeTemplate("{% set ns = namespace(a=1) %}{{ ns.a }}{{ range(3)|list }}")
                  .findings.empty());
}

TEST(TemplateAnalyzer, AttrFilterWithPlainName) {
  TemplateReport r = AnalyzeTemplate("{{ message|attr('content') }}");
  EXPECT_TRUE(HasRule(r, "template.ssti.attr-filter"));
  EXPECT_EQ(MaxSev(r), Severity::kSuspicious);
}

TEST(TemplateAnalyzer, SuspiciousHints) {
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ x._private }}"), "template.ssti.private-attribute"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ '\\x41' }}"), "template.ssti.escape"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ 'see __init__' }}"), "template.ssti.dunder-string"));
  EXPECT_TRUE(
      HasRule(AnalyzeTemplate("{% include 'other.j2' %}"), "template.ssti.template-loading"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{% for i in range(100000000) %}{% endfor %}"),
                      "template.dos.large-range"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ 'a' * 99999999999 }}"), "template.dos.large-repeat"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ a $ b }}"), "template.syntax"));
}

TEST(TemplateAnalyzer, DangerousCalls) {
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ x.popen('id') }}"), "template.ssti.dangerous-call"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ __import__('os') }}"), "template.ssti.dangerous-call"));
  EXPECT_TRUE(HasRule(AnalyzeTemplate("{{ x['os'] }}"), "template.ssti.dangerous-attribute"));
  // 'system' is a chat role, not a call.
  EXPECT_TRUE(AnalyzeTemplate("{% if m['role'] == 'system' %}{{ roles['system'] }}{% endif %}")
                  .findings.empty());
}

TEST(TemplateAnalyzer, RawBlocksAreText) {
  EXPECT_TRUE(AnalyzeTemplate("{% raw %}{{ x.__class__ }}{% endraw %}").findings.empty());
}

TEST(TemplateAnalyzer, Limits) {
  JinjaLimits lim;
  lim.max_expression_depth = 8;
  std::string deep = "{{ " + std::string(20, '-') + "1 }}";
  TemplateReport r = AnalyzeTemplate(deep, lim);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(HasRule(r, "template.limit"));

  lim = JinjaLimits{};
  lim.max_block_nesting = 2;
  r = AnalyzeTemplate("{% if a %}{% if b %}{% if c %}{% endif %}{% endif %}{% endif %}", lim);
  EXPECT_TRUE(HasRule(r, "template.limit"));
  EXPECT_EQ(r.max_block_nesting, 3u);

  lim = JinjaLimits{};
  lim.max_template_bytes = 8;
  r = AnalyzeTemplate("{{ aaaaaaaa }}", lim);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded);
  EXPECT_TRUE(HasRule(r, "template.limit"));
}

TEST(TemplateAnalyzer, DeepInputDoesNotRecurse) {
  // 100k nested parentheses: the lexer stops at the bracket limit, nothing overflows the stack.
  std::string t = "{{ " + std::string(100000, '(') + "1" + std::string(100000, ')') + " }}";
  TemplateReport r = AnalyzeTemplate(t);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded);
  std::string u = "{{ " + std::string(100000, '-') + "1 }}";
  r = AnalyzeTemplate(u);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace aigis::formats::jinja
