// Validators that confirm a pattern candidate (checksums, ranges, entropy) to keep false
// positives down: Luhn for payment cards, ISO 13616 mod-97 for IBANs, ISO 7064 MOD 11,10 for the
// German tax id, ICAO 9303 7-3-1 for ID-card/passport numbers, ISO 3779 for VINs, the GitHub token
// CRC32, Shannon entropy for generic secrets. Pure functions; reentrant.
#pragma once

#include <string>
#include <string_view>

namespace aigis::guard::detectors {

// A validator looks at the candidate text. It returns false to drop the candidate; it may lower
// *score (starts at the rule's score) when the candidate is plausible but unconfirmed.
using ValidatorFn = bool (*)(std::string_view candidate, double* score);

// Looks up a validator by its rules-file name; nullptr when unknown.
ValidatorFn FindValidator(std::string_view name);

std::string DigitsOf(std::string_view s);
bool LuhnValid(std::string_view digits);
bool PaymentCardValid(std::string_view candidate);
bool IbanValid(std::string_view candidate);
bool SteuerIdValid(std::string_view candidate);
bool IcaoDocumentValid(std::string_view candidate);  // 9 chars (no check) or 10 with check digit
char IcaoCheckDigit(std::string_view chars);
bool VinValid(std::string_view candidate);
bool SsnValid(std::string_view candidate);
bool Ipv4Valid(std::string_view candidate);
bool Ipv6Valid(std::string_view candidate);
bool EmailValid(std::string_view candidate);
bool PhoneValid(std::string_view candidate);
// True when the digits at text[start, end) sit inside hex data rather than prose: a neighbouring
// token (one space, '-' or ':' away) is a run of 4-16 hex digits with both a digit and a letter
// a-f ("1f8b", the "449daf85" of a UUID), or the line starts like an xxd/hexdump offset. Phone
// patterns read xxd groups ("0800 0000 0000") and UUID groups as numbers; the candidate alone
// cannot tell them apart. Looks at most kHexContextReach bytes either side.
inline constexpr size_t kHexContextReach = 64;
bool InHexContext(std::string_view text, size_t start, size_t end);
bool DateValid(std::string_view candidate);
double ShannonEntropy(std::string_view s);
// GitHub tokens gh[pousr]_ + 30 random + 6 base62 CRC32 of the random part.
bool GithubTokenChecksumValid(std::string_view token);
std::string Base62Crc32(std::string_view payload);  // 6 chars, zero-padded (for tests)
uint32_t Crc32(std::string_view data);

}  // namespace aigis::guard::detectors
