// The std::ostream forms of the writers. Apart from writers.cc so that the lean `aigis`, which
// writes through report::Out only, links no iostream code (docs/architecture.md).
#include <ostream>

#include "report/writers.h"

namespace aigis::report {

namespace {

using OutWriter = void (*)(const ScanReport&, const WriterOptions&, Out&);

void ToStream(OutWriter write, const ScanReport& r, const WriterOptions& o, std::ostream& os) {
  Out out([&os](std::string_view s) {
    os.write(s.data(), static_cast<std::streamsize>(s.size()));
    return static_cast<bool>(os);
  });
  write(r, o, out);
}

}  // namespace

void WriteText(const ScanReport& r, const WriterOptions& o, std::ostream& out) {
  ToStream(static_cast<OutWriter>(&WriteText), r, o, out);
}
void WriteJson(const ScanReport& r, const WriterOptions& o, std::ostream& out) {
  ToStream(static_cast<OutWriter>(&WriteJson), r, o, out);
}
void WriteSarif(const ScanReport& r, const WriterOptions& o, std::ostream& out) {
  ToStream(static_cast<OutWriter>(&WriteSarif), r, o, out);
}

}  // namespace aigis::report
