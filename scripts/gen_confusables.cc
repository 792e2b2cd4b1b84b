// Writes src/guard/normalize/confusables_table.inc: code points that look like one ASCII letter
// and that NFKC case folding leaves non-ASCII ("ıgnore", "ɪɢɴᴏʀᴇ", Cherokee, Lisu, Armenian look-
// alikes, negative squared and regional-indicator letters). Built and run by
// scripts/gen-confusables.sh with Debian's ICU (libicu-dev); the table is committed, so the build
// needs no ICU. Sources:
//  - ICU's UTS #39 skeleton (uspoof_getSkeleton): a code point whose skeleton is one ASCII letter
//    (plus combining marks, as for "ø" and "ł"), from the scripts listed in kScripts. Cyrillic and
//    Greek keep the hand-checked table in normalizer.cc (their folded forms are what the Russian
//    and Greek rules are written in); the scripts of large living languages (Arabic, Hebrew, Indic,
//    Georgian, ...) are left out so their text is not rewritten letter by letter.
//  - Unicode names for styles the skeleton does not cover: small capitals, negative circled and
//    squared letters, parenthesized letters (NFKC turns them into "(a)"), regional indicators.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>

namespace {

constexpr UScriptCode kScripts[] = {
    USCRIPT_LATIN,
    USCRIPT_COMMON,
    USCRIPT_CHEROKEE,
    USCRIPT_LISU,
    USCRIPT_COPTIC,
    USCRIPT_WARANG_CITI,
    USCRIPT_CANADIAN_ABORIGINAL,
    USCRIPT_ARMENIAN,
    USCRIPT_CARIAN,
    USCRIPT_LYCIAN,
    USCRIPT_OLD_ITALIC,
    USCRIPT_ELBASAN,
    USCRIPT_DESERET,
    USCRIPT_OSAGE,
    USCRIPT_TIFINAGH,
    USCRIPT_RUNIC,
    USCRIPT_MIAO,
    USCRIPT_BAMUM,
    USCRIPT_MENDE,
    USCRIPT_GOTHIC,
    USCRIPT_VAI,
    USCRIPT_BASSA_VAH,
    USCRIPT_INHERITED,
};

bool Allowed(UScriptCode s) {
  for (UScriptCode k : kScripts) {
    if (k == s) return true;
  }
  return false;
}

std::string Name(UChar32 cp) {
  char name[256];
  UErrorCode st = U_ZERO_ERROR;
  u_charName(cp, U_UNICODE_CHAR_NAME, name, sizeof name, &st);
  return U_SUCCESS(st) ? name : "";
}

// NFKC case folding and decomposition of cp leave ASCII and combining marks only ("é"): the
// normaliser's own decomposition (utf8proc, marks stripped) already handles it.
bool NfkcIsAscii(const icu::Normalizer2* nfkc_cf, const icu::Normalizer2* nfd, UChar32 cp) {
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString s(cp);
  icu::UnicodeString out = nfd->normalize(nfkc_cf->normalize(s, st), st);
  if (U_FAILURE(st) || out.length() == 0) return false;
  bool letter = false;
  for (int32_t i = 0; i < out.length();) {
    UChar32 c = out.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) {
      letter = true;
    } else if (u_charType(c) != U_NON_SPACING_MARK) {
      return false;
    }
  }
  return letter;
}

// "... LETTER X" or "... LETTER SMALL X" at the end of a name -> 'x'; 0 otherwise.
char TrailingLetter(const std::string& name, const char* prefix) {
  size_t n = std::strlen(prefix);
  if (name.size() != n + 1 || name.compare(0, n, prefix) != 0) return 0;
  char c = name[n];
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : 0;
}

}  // namespace

int main() {
  UErrorCode st = U_ZERO_ERROR;
  USpoofChecker* sc = uspoof_open(&st);
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  if (U_FAILURE(st)) {
    std::fprintf(stderr, "ICU: %s\n", u_errorName(st));
    return 1;
  }
  struct Entry {
    char latin;
    bool report;
    std::string name;
  };
  std::map<UChar32, Entry> table;
  for (UChar32 cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || !u_isdefined(cp)) continue;
    std::string name = Name(cp);
    // Styles named by Unicode, whatever the skeleton says.
    static const char* kStyles[] = {
        "LATIN LETTER SMALL CAPITAL ",
        "NEGATIVE CIRCLED LATIN CAPITAL LETTER ",
        "NEGATIVE SQUARED LATIN CAPITAL LETTER ",
        "PARENTHESIZED LATIN SMALL LETTER ",
        "REGIONAL INDICATOR SYMBOL LETTER ",
    };
    char styled = 0;
    for (const char* p : kStyles) {
      if ((styled = TrailingLetter(name, p)) != 0) break;
    }
    if (styled != 0) {
      table[cp] = Entry{styled, false, name};
      continue;
    }
    st = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &st);
    if (U_FAILURE(st) || !Allowed(script)) continue;
    if (!u_isalpha(cp)) continue;  // symbols (x, union, box drawing) stay what they are
    if (NfkcIsAscii(nfkc_cf, nfd, cp)) continue;
    char in[8];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(in, len, 8, cp, err);
    char out[64];
    st = U_ZERO_ERROR;
    int32_t m = uspoof_getSkeletonUTF8(sc, 0, in, len, out, sizeof out, &st);
    if (U_FAILURE(st) || m < 1 || m >= static_cast<int32_t>(sizeof out)) continue;
    // One ASCII letter, optionally followed by combining marks only ("ø" is "o" + a stroke
    // overlay): the normaliser strips marks, so the letter is what the text says.
    bool marks_only = true;
    for (int32_t k = 1; k < m && marks_only;) {
      UChar32 d;
      U8_NEXT(out, k, m, d);
      marks_only = d >= 0 && u_charType(d) == U_NON_SPACING_MARK;
    }
    if (!marks_only) continue;
    char c = out[0];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') continue;  // digits and punctuation: not letters of a word
    // The skeleton writes capital I as 'l'; a letter named I (or iota) stands for i.
    if (c == 'l' &&
        (name.find(" LETTER I") != std::string::npos || name.find("IOTA") != std::string::npos) &&
        name.find(" LETTER IL") == std::string::npos) {
      c = 'i';
    }
    // Latin and Common letters (IPA, Turkish dotless i, mathematical letters) occur in ordinary
    // text; a word mixing them with ASCII is not reported as a homoglyph disguise.
    bool report =
        script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED;
    table[cp] = Entry{c, report, name};
  }
  std::printf(
      "// Generated by scripts/gen-confusables.sh from ICU %s (UTS #39 skeletons and Unicode\n"
      "// names); do not edit. {code point, ASCII letter, report as homoglyph}, sorted.\n",
      U_ICU_VERSION);
  for (const auto& [cp, e] : table) {
    std::printf("{0x%04X, '%c', %s},  // %s\n", static_cast<unsigned>(cp), e.latin,
                e.report ? "true" : "false", e.name.c_str());
  }
  std::fprintf(stderr, "%zu entries\n", table.size());
  uspoof_close(sc);
  return 0;
}
