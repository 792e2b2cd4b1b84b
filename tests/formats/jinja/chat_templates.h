// Benign chat templates written in the style of the common model families (Llama-2/3, Mistral,
// ChatML, Gemma, Qwen tool calling, Phi-3, DeepSeek-style reasoning) and SSTI payloads
// (CVE-2024-34359 and obfuscated variants). Shared by the jinja and scan tests.
#pragma once

#include <string_view>

namespace aigis::testing {

inline constexpr std::string_view kLlama2Template =
    R"({% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\n' + system_message + '\n<</SYS>>\n\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %})";

inline constexpr std::string_view kLlama3Template =
    R"({% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %})";

inline constexpr std::string_view kMistralTemplate =
    R"({{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %})";

inline constexpr std::string_view kChatMlTemplate =
    R"({% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %})";

inline constexpr std::string_view kGemmaTemplate =
    R"({{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %})";

inline constexpr std::string_view kQwenToolTemplate = R"({%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are a helpful assistant.' }}
    {%- endif %}
    {{- "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nReturn a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
    {%- endif %}
{%- endif %}
{%- set ns = namespace(last_user=0) %}
{%- for message in messages %}
    {%- if message.role == "user" %}{%- set ns.last_user = loop.index0 %}{%- endif %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\n<tool_call>\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\n<tool_response>\n' }}
        {{- message.content }}
        {{- '\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %}
)";

inline constexpr std::string_view kPhi3Template =
    R"({% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\n' + message['content'] + '<|end|>\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{% elif message['role'] == 'assistant' %}{{'<|assistant|>\n' + message['content'] + '<|end|>\n'}}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% else %}{{ eos_token }}{% endif %})";

inline constexpr std::string_view kReasoningTemplate =
    R"({# reasoning-style template with macros and filters #}
{%- macro render(content) -%}
  {%- if content is string -%}{{ content }}{%- else -%}{{ content | map(attribute='text') | join('\n') }}{%- endif -%}
{%- endmacro -%}
{%- set ns = namespace(system_prompt='', is_first=true) -%}
{%- set systems = messages | selectattr('role', 'equalto', 'system') | list -%}
{%- if systems | length > 0 %}{% set ns.system_prompt = systems[0]['content'] %}{% endif -%}
{{ bos_token }}{{ ns.system_prompt }}
{%- for message in messages if message.role != 'system' -%}
  {%- if message['role'] == 'user' -%}
    {{ '<｜User｜>' + render(message['content']) }}
  {%- elif message['role'] == 'assistant' -%}
    {%- set content = message['content'] -%}
    {%- if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif -%}
    {{ '<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>' }}
  {%- endif -%}
{%- endfor -%}
{%- if add_generation_prompt %}{{ '<｜Assistant｜><think>\n' }}{% endif -%}
{{ "Today is " ~ strftime_now("%d %b %Y") if strftime_now is defined else "" }}
)";

inline constexpr std::string_view kBenignTemplates[] = {
    kLlama2Template, kLlama3Template,   kMistralTemplate, kChatMlTemplate,
    kGemmaTemplate,  kQwenToolTemplate, kPhi3Template,    kReasoningTemplate,
};

// CVE-2024-34359 proof of concept (llama-cpp-python, GHSA-56xg-wfcc-g829).
inline constexpr std::string_view kCve202434359Template =
    R"({% for x in ().__class__.__base__.__subclasses__() %}{% if "warning" in x.__name__ %}{{x()._module.__builtins__['__import__']('os').popen("touch /tmp/retr0reg")}}{%endif%}{% endfor %})";

struct NamedTemplate {
  std::string_view name;
  std::string_view text;
};

inline constexpr NamedTemplate kMaliciousTemplates[] = {
    {"cve-2024-34359", kCve202434359Template},
    {"concat-attr", R"({{ ()|attr('__cla' ~ 'ss__')|attr('__ba' + 'se__') }})"},
    {"set-variable-concat", R"({% set u = '_' * 2 %}{{ lipsum|attr(u ~ 'globals' ~ u) }})"},
    {"hex-escapes",
     R"({{ cycler['\x5f\x5finit\x5f\x5f']['\x5f\x5fglobals\x5f\x5f'].os.popen('id').read() }})"},
    {"unicode-escapes", R"({{ joiner|attr("\u005f\u005finit\u005f\u005f") }})"},
    {"join-list",
     R"({{ joiner|attr(['_','_','init','_','_']|join)|attr(['_','_','glo','bals','_','_']|join) }})"},
    {"format-filter", R"({{ namespace|attr('%c%c%s%c%c'|format(95,95,'init',95,95)) }})"},
    {"percent-format", R"({{ ()|attr('%c%cclass%c%c' % (95,95,95,95)) }})"},
    {"replace-filter", R"({{ self|attr('XXinitXX'|replace('X','_')) }})"},
    {"reverse-filter", R"({{ ()|attr('__ssalc__'|reverse) }})"},
    {"slice-reverse", R"({{ ()['__ssalc__'[::-1]] }})"},
    {"str-join-method", R"({{ ()[''.join(['__','class','__'])] }})"},
    {"dynamic-attr", R"({% for n in names %}{{ x|attr(n) }}{% endfor %})"},
    {"lipsum-globals", R"({{ lipsum.__globals__['os'].popen('id').read() }})"},
    {"request-config", R"({{ config.items() }}{{ request.application }})"},
    {"eval-call", R"({{ eval('1+1') }})"},
    {"map-attribute", R"({{ items|map(attribute='__class__')|list }})"},
};

}  // namespace aigis::testing
